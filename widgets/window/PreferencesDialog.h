#pragma once
#include <QDialog>
#include <QString>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QEvent;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;

namespace protext {

// The studio's preferences: interface language, default compute device, the embedding
// cache (on or off, its folder, clearing it), CPU threads, whether the embedded mini model
// opens at start, and the LLM server Generate Descriptions asks. Values live in QSettings
// through StudioSettings, so the rest of the app reads them without this dialog; the
// server's API key lives in the system keychain (ApiKeyStore).
class PreferencesDialog : public QDialog {
  Q_OBJECT
 public:
  // `devices` are the engine's device names, "cpu" first, then e.g. "cuda" or "cuda:1".
  // `settings` defaults to a QSettings() for the application; it must outlive the dialog.
  explicit PreferencesDialog(const QStringList& devices, QSettings* settings = nullptr, QWidget* parent = nullptr);
  ~PreferencesDialog() override;

  QString language() const;  // as shown in the dialog, not yet applied
  QString device() const;
  QString cacheDir() const;
  bool useCache() const;
  int threads() const;
  bool openMiniModelAtStart() const;
  QString llmEndpoint() const;
  QString llmModel() const;
  // Test Connection: one short question to the server; the answer or the error is shown
  // beside the button (connectionResult()).
  void testConnection();
  QLabel* connectionResult() const { return connectionResult_; }
  // The API key typed for the server goes to the system keychain on Apply (ApiKeyStore);
  // keyNote() says whether one is saved, or why none can be.
  QLabel* keyNote() const { return keyNote_; }
  void forgetKey();

 public slots:
  void load();     // fills the controls from the settings
  void apply();    // writes the settings; a changed language is installed at once
  void restoreDefaults();

 signals:
  void languageChanged(const QString& language);
  void applied();
  void keySaved(bool ok);      // the keychain answered a save Apply started
  void keyForgotten(bool ok);
  void keyRead();              // keyNote() shows what the keychain holds for the server

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void buildUi();
  void retranslate();
  void chooseCacheDir();
  void clearCache();
  void updateCacheSize();
  void updateDeviceWarning();
  QString deviceName(const QString& device) const;
  void readKey();
  void saveKey();
  void updateKeyNote();
  void askServer(const QString& apiKey);

  QStringList devices_;
  QSettings* settings_;
  bool ownsSettings_;
  QString savedDevice_;  // as read from settings; may name a device this computer lacks

  QGroupBox* interfaceGroup_ = nullptr;
  QGroupBox* engineGroup_ = nullptr;
  QGroupBox* describeGroup_ = nullptr;
  QLabel* endpointLabel_ = nullptr;
  QLabel* llmModelLabel_ = nullptr;
  QLineEdit* endpointEdit_ = nullptr;
  QLineEdit* llmModelEdit_ = nullptr;
  QLabel* keyLabel_ = nullptr;
  QLineEdit* keyEdit_ = nullptr;
  QPushButton* forgetKeyButton_ = nullptr;
  QLabel* keyNote_ = nullptr;
  enum class KeyState { Reading, Saved, NotSaved, NoKeychain, SaveFailed };
  KeyState keyState_ = KeyState::Reading;
  QString keyEndpoint_;    // the server whose key keyState_ describes (ApiKeyStore::entryName)
  QString keychainError_;
  bool savingKey_ = false;
  bool closeWhenKeySaved_ = false;  // OK was pressed while the key was on its way
  QPushButton* testButton_ = nullptr;
  QLabel* connectionResult_ = nullptr;
  QLabel* languageLabel_ = nullptr;
  QLabel* deviceLabel_ = nullptr;
  QLabel* cacheDirLabel_ = nullptr;
  QLabel* threadsLabel_ = nullptr;
  QComboBox* languageCombo_ = nullptr;
  QLabel* languageNote_ = nullptr;
  QComboBox* deviceCombo_ = nullptr;
  QLabel* deviceWarning_ = nullptr;
  QLineEdit* cacheDirEdit_ = nullptr;
  QPushButton* browseButton_ = nullptr;
  QCheckBox* useCacheCheck_ = nullptr;
  QPushButton* clearCacheButton_ = nullptr;
  QLabel* cacheSizeLabel_ = nullptr;
  QSpinBox* threadsSpin_ = nullptr;
  QCheckBox* openMiniModelCheck_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
};

}  // namespace protext
