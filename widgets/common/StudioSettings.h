#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>

class QSettings;

namespace protext {

// Every preference and remembered state the studio keeps in QSettings, each with its key,
// type and default in this one place, so the window, the panels, the Preferences dialog and
// main() cannot disagree on a default (they did: 0 threads in one, all cores in another).
class StudioSettings {
 public:
  // `settings` is not owned; nullptr uses the application's QSettings.
  explicit StudioSettings(QSettings* settings = nullptr);
  ~StudioSettings();
  StudioSettings(const StudioSettings&) = delete;
  StudioSettings& operator=(const StudioSettings&) = delete;

  static constexpr const char* kLanguageKey = "ui/language";          // "system", "en", "zh_CN"
  static constexpr const char* kDeviceKey = "engine/device";          // "cpu", "cuda:N"
  static constexpr const char* kCacheDirKey = "engine/cacheDir";      // empty: defaultCacheDir()
  static constexpr const char* kUseCacheKey = "engine/useCache";      // embeddings kept on disk
  static constexpr const char* kThreadsKey = "engine/threads";        // intra-op threads
  static constexpr const char* kOpenMiniModelKey = "startup/openMiniModel";
  static constexpr const char* kRecentModelsKey = "models/recent";    // most recent first
  static constexpr const char* kLastModelDirKey = "models/lastDir";
  static constexpr const char* kRecentProjectsKey = "projects/recent";  // most recent first
  static constexpr const char* kExamplesShownKey = "startup/examplesShown";
  static constexpr const char* kLlmEndpointKey = "describe/llmEndpoint";  // e.g. http://127.0.0.1:8080/v1
  static constexpr const char* kLlmModelKey = "describe/llmModel";
  static constexpr const char* kGeometryKey = "window/geometry";
  static constexpr const char* kWindowStateKey = "window/state";
  static constexpr const char* kSystemLanguage = "system";

  static QString defaultCacheDir();
  static int defaultThreads();  // every core

  QString language() const;
  void setLanguage(const QString& language);
  // The saved device, or `fallback` when none is saved.
  QString device(const QString& fallback = QStringLiteral("cpu")) const;
  void setDevice(const QString& device);
  QString cacheDir() const;  // never empty
  void setCacheDir(const QString& dir);  // empty: back to the default
  bool useCache() const;
  void setUseCache(bool use);
  QString embeddingCacheDir() const;  // cacheDir(), or empty when the cache is switched off
  int threads() const;
  void setThreads(int threads);
  bool openMiniModel() const;
  void setOpenMiniModel(bool open);
  QStringList recentModels() const;
  void setRecentModels(const QStringList& paths);
  QStringList recentProjects() const;
  // Puts `path` first, drops its older entry and keeps the newest `kRecentLimit`.
  void addRecentProject(const QString& path);
  void removeRecentProject(const QString& path);
  static constexpr int kRecentLimit = 8;
  // The example images are added on the very first start only.
  bool examplesShown() const;
  void setExamplesShown();
  // The OpenAI-compatible server Generate Descriptions can ask; its key is never stored
  // here but in the system keychain (ApiKeyStore).
  QString llmEndpoint() const;
  QString llmModel() const;
  void setLlm(const QString& endpoint, const QString& model);
  QString lastModelDir() const;
  void setLastModelDir(const QString& dir);
  bool hasWindowGeometry() const;
  QByteArray windowGeometry() const;
  QByteArray windowState() const;
  void setWindow(const QByteArray& geometry, const QByteArray& state);
  void sync();

  QSettings& raw() const { return *settings_; }

 private:
  QSettings* settings_;
  bool owns_;
};

}  // namespace protext
