#include "widgets/common/StudioSettings.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>

#include "core/runtime/cache_dir.h"

namespace protext {

StudioSettings::StudioSettings(QSettings* settings)
    : settings_(settings ? settings : new QSettings), owns_(settings == nullptr) {}

StudioSettings::~StudioSettings() {
  if (owns_) delete settings_;
}

// The folder `protext` uses too, so embeddings the command line computed serve the app.
QString StudioSettings::defaultCacheDir() {
  const QString shared = QString::fromStdString(default_cache_dir());
  return shared.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation) : shared;
}

int StudioSettings::defaultThreads() { return qMax(1, QThread::idealThreadCount()); }

QString StudioSettings::language() const {
  const QString language = settings_->value(kLanguageKey, QString::fromLatin1(kSystemLanguage)).toString();
  return language.isEmpty() ? QString::fromLatin1(kSystemLanguage) : language;
}
void StudioSettings::setLanguage(const QString& language) { settings_->setValue(kLanguageKey, language); }

QString StudioSettings::device(const QString& fallback) const {
  const QString device = settings_->value(kDeviceKey).toString();
  return device.isEmpty() ? fallback : device;
}
void StudioSettings::setDevice(const QString& device) { settings_->setValue(kDeviceKey, device); }

QString StudioSettings::cacheDir() const {
  const QString dir = settings_->value(kCacheDirKey).toString();
  return dir.isEmpty() ? defaultCacheDir() : dir;
}
void StudioSettings::setCacheDir(const QString& dir) { settings_->setValue(kCacheDirKey, dir); }

bool StudioSettings::useCache() const { return settings_->value(kUseCacheKey, true).toBool(); }
void StudioSettings::setUseCache(bool use) { settings_->setValue(kUseCacheKey, use); }
QString StudioSettings::embeddingCacheDir() const { return useCache() ? cacheDir() : QString(); }

int StudioSettings::threads() const {
  const int threads = settings_->value(kThreadsKey, defaultThreads()).toInt();
  return threads > 0 ? threads : defaultThreads();
}
void StudioSettings::setThreads(int threads) { settings_->setValue(kThreadsKey, threads); }

bool StudioSettings::openMiniModel() const { return settings_->value(kOpenMiniModelKey, true).toBool(); }
void StudioSettings::setOpenMiniModel(bool open) { settings_->setValue(kOpenMiniModelKey, open); }

QStringList StudioSettings::recentModels() const { return settings_->value(kRecentModelsKey).toStringList(); }
void StudioSettings::setRecentModels(const QStringList& paths) {
  if (paths.isEmpty())
    settings_->remove(kRecentModelsKey);
  else
    settings_->setValue(kRecentModelsKey, paths);
}

QStringList StudioSettings::recentProjects() const { return settings_->value(kRecentProjectsKey).toStringList(); }

void StudioSettings::addRecentProject(const QString& path) {
  QStringList paths = recentProjects();
  paths.removeAll(path);
  paths.prepend(path);
  settings_->setValue(kRecentProjectsKey, paths.mid(0, kRecentLimit));
}

void StudioSettings::removeRecentProject(const QString& path) {
  QStringList paths = recentProjects();
  paths.removeAll(path);
  settings_->setValue(kRecentProjectsKey, paths);
}

bool StudioSettings::examplesShown() const { return settings_->value(kExamplesShownKey, false).toBool(); }
void StudioSettings::setExamplesShown() { settings_->setValue(kExamplesShownKey, true); }

QString StudioSettings::llmEndpoint() const { return settings_->value(kLlmEndpointKey).toString(); }
QString StudioSettings::llmModel() const { return settings_->value(kLlmModelKey).toString(); }
void StudioSettings::setLlm(const QString& endpoint, const QString& model) {
  settings_->setValue(kLlmEndpointKey, endpoint.trimmed());
  settings_->setValue(kLlmModelKey, model.trimmed());
}

QString StudioSettings::lastModelDir() const { return settings_->value(kLastModelDirKey, QDir::homePath()).toString(); }
void StudioSettings::setLastModelDir(const QString& dir) { settings_->setValue(kLastModelDirKey, dir); }

bool StudioSettings::hasWindowGeometry() const { return settings_->contains(kGeometryKey); }
QByteArray StudioSettings::windowGeometry() const { return settings_->value(kGeometryKey).toByteArray(); }
QByteArray StudioSettings::windowState() const { return settings_->value(kWindowStateKey).toByteArray(); }
void StudioSettings::setWindow(const QByteArray& geometry, const QByteArray& state) {
  settings_->setValue(kGeometryKey, geometry);
  settings_->setValue(kWindowStateKey, state);
}

void StudioSettings::sync() { settings_->sync(); }

}  // namespace protext
