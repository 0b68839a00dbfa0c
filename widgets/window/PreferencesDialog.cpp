#include "widgets/window/PreferencesDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QThread>
#include <QVBoxLayout>
#include <utility>

#include "core/describe/llm_client.h"
#include "core/error.h"
#include "core/runtime/cache_dir.h"
#include "core/runtime/embedding_store.h"
#include "widgets/common/ApiKeyStore.h"
#include "widgets/common/StudioSettings.h"
#include "widgets/common/Translations.h"

namespace protext {

namespace {
const QString kSystemLanguage = QString::fromLatin1(StudioSettings::kSystemLanguage);
}

PreferencesDialog::PreferencesDialog(const QStringList& devices, QSettings* settings, QWidget* parent)
    : QDialog(parent),
      devices_(devices.isEmpty() ? QStringList{QStringLiteral("cpu")} : devices),
      settings_(settings ? settings : new QSettings),
      ownsSettings_(settings == nullptr) {
  setObjectName(QStringLiteral("PreferencesDialog"));
  buildUi();
  retranslate();
  load();
}

PreferencesDialog::~PreferencesDialog() {
  if (ownsSettings_) delete settings_;
}

void PreferencesDialog::buildUi() {
  setMinimumWidth(480);

  languageCombo_ = new QComboBox;
  languageCombo_->setObjectName(QStringLiteral("languageCombo"));
  // Each language is named in itself, so a user who cannot read the current one still
  // finds theirs; only "System" is translated.
  languageCombo_->addItem(QString(), kSystemLanguage);
  languageCombo_->addItem(QStringLiteral("English"), QStringLiteral("en"));
  languageCombo_->addItem(QStringLiteral("中文 (简体)"), QStringLiteral("zh_CN"));
  languageNote_ = new QLabel;
  languageNote_->setObjectName(QStringLiteral("languageNote"));
  languageNote_->setWordWrap(true);
  languageNote_->hide();

  auto* interfaceForm = new QFormLayout;
  languageLabel_ = new QLabel;
  languageLabel_->setBuddy(languageCombo_);
  // A wrapped note gets its own row's label column height wrong in QFormLayout; stacking it
  // under the field keeps it tight.
  auto* languageColumn = new QVBoxLayout;
  languageColumn->addWidget(languageCombo_);
  languageColumn->addWidget(languageNote_);
  interfaceForm->addRow(languageLabel_, languageColumn);
  interfaceGroup_ = new QGroupBox;
  interfaceGroup_->setLayout(interfaceForm);

  deviceCombo_ = new QComboBox;
  deviceCombo_->setObjectName(QStringLiteral("deviceCombo"));
  for (const QString& device : devices_) deviceCombo_->addItem(QString(), device);
  deviceWarning_ = new QLabel;
  deviceWarning_->setObjectName(QStringLiteral("deviceWarning"));
  deviceWarning_->setWordWrap(true);
  deviceWarning_->hide();

  cacheDirEdit_ = new QLineEdit;
  cacheDirEdit_->setObjectName(QStringLiteral("cacheDirEdit"));
  cacheDirEdit_->setPlaceholderText(QDir::toNativeSeparators(StudioSettings::defaultCacheDir()));
  cacheDirEdit_->setClearButtonEnabled(true);
  browseButton_ = new QPushButton;
  browseButton_->setObjectName(QStringLiteral("browseButton"));
  browseButton_->setIcon(QIcon(QStringLiteral(":/icons/folder-add.svg")));
  connect(browseButton_, &QPushButton::clicked, this, &PreferencesDialog::chooseCacheDir);
  auto* cacheRow = new QHBoxLayout;
  cacheRow->addWidget(cacheDirEdit_, 1);
  cacheRow->addWidget(browseButton_);
  useCacheCheck_ = new QCheckBox;
  useCacheCheck_->setObjectName(QStringLiteral("useCacheCheck"));
  cacheSizeLabel_ = new QLabel;
  cacheSizeLabel_->setObjectName(QStringLiteral("cacheSizeLabel"));
  clearCacheButton_ = new QPushButton;
  clearCacheButton_->setObjectName(QStringLiteral("clearCacheButton"));
  connect(clearCacheButton_, &QPushButton::clicked, this, &PreferencesDialog::clearCache);
  connect(cacheDirEdit_, &QLineEdit::textChanged, this, &PreferencesDialog::updateCacheSize);
  auto* cacheUseRow = new QHBoxLayout;
  cacheUseRow->addWidget(useCacheCheck_);
  cacheUseRow->addStretch(1);
  cacheUseRow->addWidget(cacheSizeLabel_);
  cacheUseRow->addWidget(clearCacheButton_);
  auto* cacheColumn = new QVBoxLayout;
  cacheColumn->addLayout(cacheRow);
  cacheColumn->addLayout(cacheUseRow);

  threadsSpin_ = new QSpinBox;
  threadsSpin_->setObjectName(QStringLiteral("threadsSpin"));
  threadsSpin_->setRange(1, StudioSettings::defaultThreads());
  threadsSpin_->setMinimumWidth(80);

  auto* engineForm = new QFormLayout;
  deviceLabel_ = new QLabel;
  deviceLabel_->setBuddy(deviceCombo_);
  cacheDirLabel_ = new QLabel;
  cacheDirLabel_->setBuddy(cacheDirEdit_);
  threadsLabel_ = new QLabel;
  threadsLabel_->setBuddy(threadsSpin_);
  auto* deviceColumn = new QVBoxLayout;
  deviceColumn->addWidget(deviceCombo_);
  deviceColumn->addWidget(deviceWarning_);
  auto* threadsRow = new QHBoxLayout;
  threadsRow->addWidget(threadsSpin_);
  threadsRow->addStretch(1);
  engineForm->addRow(deviceLabel_, deviceColumn);
  engineForm->addRow(cacheDirLabel_, cacheColumn);
  engineForm->addRow(threadsLabel_, threadsRow);
  engineGroup_ = new QGroupBox;
  engineGroup_->setLayout(engineForm);

  // Generate Descriptions' LLM server. The key goes to the system keychain (ApiKeyStore),
  // never to the settings file; the field shows only what is being typed.
  endpointEdit_ = new QLineEdit;
  endpointEdit_->setObjectName(QStringLiteral("llmEndpointEdit"));
  endpointEdit_->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080/v1"));
  connect(endpointEdit_, &QLineEdit::editingFinished, this, [this] {
    if (ApiKeyStore::entryName(llmEndpoint()) != keyEndpoint_) readKey();
  });
  llmModelEdit_ = new QLineEdit;
  llmModelEdit_->setObjectName(QStringLiteral("llmModelEdit"));
  endpointLabel_ = new QLabel;
  endpointLabel_->setBuddy(endpointEdit_);
  llmModelLabel_ = new QLabel;
  llmModelLabel_->setBuddy(llmModelEdit_);
  keyEdit_ = new QLineEdit;
  keyEdit_->setObjectName(QStringLiteral("llmKeyEdit"));
  keyEdit_->setEchoMode(QLineEdit::Password);
  keyLabel_ = new QLabel;
  keyLabel_->setBuddy(keyEdit_);
  forgetKeyButton_ = new QPushButton;
  forgetKeyButton_->setObjectName(QStringLiteral("forgetKeyButton"));
  connect(forgetKeyButton_, &QPushButton::clicked, this, &PreferencesDialog::forgetKey);
  auto* keyRow = new QHBoxLayout;
  keyRow->addWidget(keyEdit_, 1);
  keyRow->addWidget(forgetKeyButton_);
  keyNote_ = new QLabel;
  keyNote_->setObjectName(QStringLiteral("llmKeyNote"));
  keyNote_->setWordWrap(true);
  keyNote_->setStyleSheet(QStringLiteral("color: #6e6e6e;"));
  testButton_ = new QPushButton;
  connectionResult_ = new QLabel;
  connectionResult_->setWordWrap(true);
  connect(testButton_, &QPushButton::clicked, this, &PreferencesDialog::testConnection);
  auto* testRow = new QHBoxLayout;
  testRow->addWidget(testButton_);
  testRow->addWidget(connectionResult_, 1);
  auto* describeForm = new QFormLayout;
  describeForm->addRow(endpointLabel_, endpointEdit_);
  describeForm->addRow(llmModelLabel_, llmModelEdit_);
  describeForm->addRow(keyLabel_, keyRow);
  // The note below the form, not in it: its wrapped height changes once the keychain
  // answers, and a QFormLayout row keeps the height it first had.
  auto* describeColumn = new QVBoxLayout;
  describeColumn->addLayout(describeForm);
  describeColumn->addWidget(keyNote_);
  describeColumn->addLayout(testRow);
  describeGroup_ = new QGroupBox;
  describeGroup_->setLayout(describeColumn);

  openMiniModelCheck_ = new QCheckBox;
  openMiniModelCheck_->setObjectName(QStringLiteral("openMiniModelCheck"));

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply |
                                  QDialogButtonBox::RestoreDefaults);
  connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
    closeWhenKeySaved_ = true;
    apply();
    // A typed key is still on its way to the keychain: close once it is there, or stay
    // open showing why it is not, rather than lose it unseen.
    if (!savingKey_) accept();
  });
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(buttons_->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &PreferencesDialog::apply);
  connect(buttons_->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
          &PreferencesDialog::restoreDefaults);
  connect(deviceCombo_, &QComboBox::currentIndexChanged, this, &PreferencesDialog::updateDeviceWarning);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(interfaceGroup_);
  layout->addWidget(engineGroup_);
  layout->addWidget(describeGroup_);
  layout->addWidget(openMiniModelCheck_);
  layout->addStretch(1);
  layout->addWidget(buttons_);
}

QString PreferencesDialog::deviceName(const QString& device) const {
  if (device == QLatin1String("cpu")) return tr("CPU");
  if (device == QLatin1String("cuda")) return tr("GPU (CUDA)");
  if (device.startsWith(QLatin1String("cuda:"))) return tr("GPU %1 (CUDA)").arg(device.mid(5));
  return device;
}

void PreferencesDialog::retranslate() {
  setWindowTitle(tr("Preferences"));
  interfaceGroup_->setTitle(tr("Interface"));
  engineGroup_->setTitle(tr("Engine"));
  describeGroup_->setTitle(tr("Descriptions from an LLM"));
  endpointLabel_->setText(tr("&Server:"));
  endpointEdit_->setToolTip(tr("An OpenAI-compatible API root: llama.cpp or LM Studio (http://127.0.0.1:8080/v1), "
                               "Ollama (http://127.0.0.1:11434/v1) or https://api.openai.com/v1"));
  llmModelLabel_->setText(tr("&Model:"));
  llmModelEdit_->setToolTip(tr("The model the server answers with, e.g. llama3 or gpt-4o-mini"));
  keyLabel_->setText(tr("API &key:"));
  keyEdit_->setToolTip(tr("Kept in the system keychain for this server only; never in a settings file or a project"));
  forgetKeyButton_->setText(tr("&Forget Key"));
  forgetKeyButton_->setToolTip(tr("Remove this server's key from the system keychain"));
  updateKeyNote();
  testButton_->setText(tr("&Test Connection"));
  testButton_->setToolTip(tr("Ask the server one short question"));

  languageLabel_->setText(tr("&Language:"));
  const QString systemLanguage = Translations::resolve(kSystemLanguage);
  languageCombo_->setItemText(0, tr("System: %1").arg(languageCombo_->itemText(languageCombo_->findData(systemLanguage))));
  languageCombo_->setToolTip(tr("Language of menus and dialogs; all of the window follows the next time ProText Studio starts"));

  deviceLabel_->setText(tr("Default &device:"));
  for (int i = 0; i < deviceCombo_->count(); ++i) {
    const QString device = deviceCombo_->itemData(i).toString();
    deviceCombo_->setItemText(i, deviceName(device));
    deviceCombo_->setItemIcon(
        i, QIcon(device == QLatin1String("cpu") ? QStringLiteral(":/icons/cpu.svg") : QStringLiteral(":/icons/gpu.svg")));
  }
  deviceCombo_->setToolTip(tr("Where models run when a project does not choose a device"));

  cacheDirLabel_->setText(tr("&Cache folder:"));
  cacheDirEdit_->setToolTip(
      tr("Folder for text and image embeddings kept between sessions (shared with protext); empty means the default"));
  browseButton_->setText(tr("&Browse…"));
  browseButton_->setToolTip(tr("Choose the cache folder"));
  useCacheCheck_->setText(tr("&Keep embeddings between sessions"));
  useCacheCheck_->setToolTip(
      tr("Reopening a model encodes only texts and images it has not seen; off: everything is encoded again"));
  clearCacheButton_->setText(tr("C&lear"));
  clearCacheButton_->setToolTip(tr("Delete every embedding kept in the cache folder"));
  updateCacheSize();

  threadsLabel_->setText(tr("CPU &threads:"));
  threadsSpin_->setToolTip(tr("Threads for work on the CPU; this computer has %n logical cores", nullptr,
                              StudioSettings::defaultThreads()));

  openMiniModelCheck_->setText(tr("&Open the built-in mini model at start"));
  openMiniModelCheck_->setToolTip(
      tr("Start with the small embedded model, so the studio works before any model is downloaded"));

  buttons_->button(QDialogButtonBox::RestoreDefaults)->setToolTip(tr("Put every preference back to its default"));
  buttons_->button(QDialogButtonBox::Apply)->setToolTip(tr("Save the preferences and keep the dialog open"));
  updateDeviceWarning();
}

void PreferencesDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

void PreferencesDialog::load() {
  const StudioSettings saved(settings_);
  const QString language = saved.language();
  const QString resolved =
      language.isEmpty() || language == kSystemLanguage ? kSystemLanguage : Translations::resolve(language);
  const int languageIndex = languageCombo_->findData(resolved.isEmpty() ? kSystemLanguage : resolved);
  languageCombo_->setCurrentIndex(qMax(0, languageIndex));

  savedDevice_ = saved.device(devices_.first());
  const int deviceIndex = deviceCombo_->findData(savedDevice_);
  deviceCombo_->setCurrentIndex(qMax(0, deviceIndex));

  const QString cacheDir = saved.cacheDir();
  cacheDirEdit_->setText(cacheDir == StudioSettings::defaultCacheDir() ? QString() : QDir::toNativeSeparators(cacheDir));
  useCacheCheck_->setChecked(saved.useCache());
  threadsSpin_->setValue(saved.threads());
  openMiniModelCheck_->setChecked(saved.openMiniModel());
  endpointEdit_->setText(saved.llmEndpoint());
  llmModelEdit_->setText(saved.llmModel());
  keyEdit_->clear();
  readKey();
  updateDeviceWarning();
}

void PreferencesDialog::readKey() {
  keyEndpoint_ = ApiKeyStore::entryName(llmEndpoint());
  keyState_ = KeyState::Reading;
  updateKeyNote();
  const QString endpoint = keyEndpoint_;
  ApiKeyStore::read(endpoint, this, [this, endpoint](const ApiKeyStore::Key& key) {
    if (endpoint != keyEndpoint_) return;  // the address changed while the keychain answered
    keychainError_ = key.keychainError;
    keyState_ = key.source == ApiKeyStore::Source::Keychain ? KeyState::Saved
                : !key.keychainError.isEmpty()              ? KeyState::NoKeychain
                                                            : KeyState::NotSaved;
    updateKeyNote();
    emit keyRead();
  });
}

void PreferencesDialog::updateKeyNote() {
  const bool fromEnvironment = qEnvironmentVariableIsSet("OPENAI_API_KEY");
  const QString environment =
      fromEnvironment ? tr("The key in the environment variable OPENAI_API_KEY is used.")
                      : tr("A server that needs a key can also read it from the environment variable OPENAI_API_KEY.");
  QString note;
  switch (keyState_) {
    case KeyState::Reading:
      note = tr("Reading the system keychain…");
      break;
    case KeyState::Saved:
      note = tr("A key for this server is saved in the system keychain. Type a new one to replace it.");
      break;
    case KeyState::NotSaved:
      note = tr("No key saved for this server; one typed here is kept in the system keychain, never in a file.") +
             QLatin1Char(' ') + environment;
      break;
    case KeyState::NoKeychain:
      note = tr("No system keychain is available, so no key can be saved here.") + QLatin1Char(' ') + environment;
      break;
    case KeyState::SaveFailed:
      note = tr("The key was not saved: the system keychain refused it (%1).").arg(keychainError_);
      break;
  }
  keyNote_->setText(note);
  // The keychain's own words, for whoever sets one up.
  keyNote_->setToolTip(keychainError_.isEmpty() || keyState_ == KeyState::Saved || keyState_ == KeyState::NotSaved
                           ? QString()
                           : tr("The system keychain said: %1").arg(keychainError_));
  // Grow, not clip, when the answer is longer than what the dialog was sized for.
  if (isVisible() && layout()) {
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
    if (needed > height()) resize(width(), needed);
  }
  keyEdit_->setEnabled(keyState_ != KeyState::NoKeychain && keyState_ != KeyState::Reading);
  keyEdit_->setPlaceholderText(keyState_ == KeyState::Saved ? tr("Saved in the system keychain") : QString());
  forgetKeyButton_->setEnabled(keyState_ == KeyState::Saved);
}

void PreferencesDialog::saveKey() {
  const QString key = keyEdit_->text().trimmed();
  if (key.isEmpty() || llmEndpoint().isEmpty()) return;
  savingKey_ = true;
  keyEndpoint_ = ApiKeyStore::entryName(llmEndpoint());
  ApiKeyStore::save(keyEndpoint_, key, this, [this](const ApiKeyStore::Outcome& outcome) {
    savingKey_ = false;
    const bool close = std::exchange(closeWhenKeySaved_, false);
    if (outcome.ok) {
      keyEdit_->clear();
      keyState_ = KeyState::Saved;
    } else {
      keychainError_ = outcome.error;
      keyState_ = KeyState::SaveFailed;
    }
    updateKeyNote();
    emit keySaved(outcome.ok);
    if (outcome.ok && close) accept();
  });
}

void PreferencesDialog::forgetKey() {
  ApiKeyStore::forget(keyEndpoint_, this, [this](const ApiKeyStore::Outcome& outcome) {
    if (outcome.ok) {
      keyState_ = KeyState::NotSaved;
    } else {
      keychainError_ = outcome.error;
      keyState_ = KeyState::NoKeychain;
    }
    updateKeyNote();
    emit keyForgotten(outcome.ok);
  });
}

QString PreferencesDialog::llmEndpoint() const { return endpointEdit_->text().trimmed(); }
QString PreferencesDialog::llmModel() const { return llmModelEdit_->text().trimmed(); }

void PreferencesDialog::testConnection() {
  if (llmEndpoint().isEmpty() || llmModel().isEmpty()) {
    connectionResult_->setText(tr("Enter the server and the model first."));
    return;
  }
  testButton_->setEnabled(false);
  connectionResult_->setText(tr("Asking %1…").arg(llmEndpoint()));
  // The key being typed is tried before it is saved; otherwise the saved one.
  const QString typed = keyEdit_->text().trimmed();
  if (!typed.isEmpty()) {
    askServer(typed);
    return;
  }
  ApiKeyStore::read(llmEndpoint(), this, [this](const ApiKeyStore::Key& key) { askServer(key.value); });
}

void PreferencesDialog::askServer(const QString& apiKey) {
  const std::string url = llmEndpoint().toStdString(), model = llmModel().toStdString(), key = apiKey.toStdString();
  QPointer<PreferencesDialog> self(this);
  QThread* thread = QThread::create([self, url, model, key] {
    QString text;
    try {
      LlmEndpoint e;
      e.url = url;
      e.model = model;
      e.timeout_s = 20;
      e.max_attempts = 1;
      e.api_key = key;
      const auto answers = LlmClient(e).complete({"Describe what a(n) heron looks like", 0.7, 40, 1});
      text = answers.empty() ? tr("Connected, but the server sent no answer.")
                             : tr("Connected: \"%1\"").arg(QString::fromStdString(answers.front()).simplified().left(80));
    } catch (const std::exception& e) {
      text = tr("Failed: %1").arg(QString::fromStdString(error_message(e)));
    }
    if (self)
      QMetaObject::invokeMethod(self, [self, text] {
        if (!self) return;
        self->connectionResult_->setText(text);
        self->testButton_->setEnabled(true);
      }, Qt::QueuedConnection);
  });
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
}

void PreferencesDialog::apply() {
  StudioSettings saved(settings_);
  const QString previousLanguage = saved.language();
  saved.setLanguage(language());
  saved.setDevice(device());
  saved.setCacheDir(cacheDir());
  saved.setUseCache(useCache());
  saved.setThreads(threads());
  saved.setOpenMiniModel(openMiniModelAtStart());
  saved.setLlm(llmEndpoint(), llmModel());
  saved.sync();
  saveKey();
  savedDevice_ = device();
  updateDeviceWarning();

  if (language() != previousLanguage) {
    const bool installed = Translations::install(QCoreApplication::instance(), language());
    const QString wanted = Translations::resolve(language());
    if (!installed && wanted != QLatin1String("en")) {
      languageNote_->setText(tr("This build has no translation for %1 yet; English is shown.")
                                 .arg(languageCombo_->itemText(languageCombo_->findData(wanted))));
      languageNote_->show();
    } else {
      languageNote_->hide();
    }
    emit languageChanged(language());
  }
  emit applied();
}

void PreferencesDialog::restoreDefaults() {
  languageCombo_->setCurrentIndex(languageCombo_->findData(kSystemLanguage));
  deviceCombo_->setCurrentIndex(0);
  cacheDirEdit_->clear();
  useCacheCheck_->setChecked(true);
  threadsSpin_->setValue(StudioSettings::defaultThreads());
  openMiniModelCheck_->setChecked(true);
}

void PreferencesDialog::chooseCacheDir() {
  const QString chosen = QFileDialog::getExistingDirectory(this, tr("Cache Folder"), cacheDir());
  if (!chosen.isEmpty()) cacheDirEdit_->setText(QDir::toNativeSeparators(chosen));
}

void PreferencesDialog::clearCache() {
  EmbeddingStore::clear(embedding_cache_root(cacheDir().toStdString()));
  updateCacheSize();
}

void PreferencesDialog::updateCacheSize() {
  const auto bytes = EmbeddingStore::bytes_used(embedding_cache_root(cacheDir().toStdString()));
  cacheSizeLabel_->setText(tr("%1 in use").arg(locale().formattedDataSize(static_cast<qint64>(bytes))));
  clearCacheButton_->setEnabled(bytes > 0);
}

void PreferencesDialog::updateDeviceWarning() {
  // A project or settings file copied from a GPU machine names "cuda"; say why it is not
  // selected rather than silently switching to the CPU.
  const bool missing = !savedDevice_.isEmpty() && deviceCombo_->findData(savedDevice_) < 0;
  if (missing) {
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    deviceWarning_->setText(
        QStringLiteral("<img src=\":/icons/warning.svg\" width=\"%1\" height=\"%1\" style=\"vertical-align: middle\"> ")
            .arg(size) +
        tr("The saved device “%1” is not available on this computer; %2 is used instead.")
            .arg(savedDevice_.toHtmlEscaped(), deviceName(device()).toHtmlEscaped()));
  }
  deviceWarning_->setVisible(missing);
}

QString PreferencesDialog::language() const { return languageCombo_->currentData().toString(); }

QString PreferencesDialog::device() const { return deviceCombo_->currentData().toString(); }

QString PreferencesDialog::cacheDir() const {
  const QString text = cacheDirEdit_->text().trimmed();
  return text.isEmpty() ? StudioSettings::defaultCacheDir() : QDir::cleanPath(QDir::fromNativeSeparators(text));
}

bool PreferencesDialog::useCache() const { return useCacheCheck_->isChecked(); }

int PreferencesDialog::threads() const { return threadsSpin_->value(); }

bool PreferencesDialog::openMiniModelAtStart() const { return openMiniModelCheck_->isChecked(); }

}  // namespace protext
