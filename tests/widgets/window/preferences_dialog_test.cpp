#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <memory>

#include "support/suite.h"
#include "widgets/common/StudioSettings.h"
#include "widgets/common/Translations.h"
#include "widgets/window/PreferencesDialog.h"

using protext::PreferencesDialog;
using protext::StudioSettings;
using protext::Translations;

class PreferencesDialogTest : public QObject {
  Q_OBJECT
 private slots:
  void init();
  void cleanup();
  void showsStoredSettings();
  void fillsDefaultsWhenNothingIsStored();
  void applyWritesEverySetting();
  void emptyCacheFolderMeansTheDefault();
  void warnsWhenSavedDeviceIsMissing();
  void changedLanguageEmitsSignalOnce();
  void resolvesLanguageNames();
  void chineseIsInstalledOrExplainedWhenMissing();

 private:
  std::unique_ptr<QTemporaryDir> dir_;
  std::unique_ptr<QSettings> settings_;
  const QStringList devices_{"cpu", "cuda:0", "cuda:1"};
};

void PreferencesDialogTest::init() {
  dir_ = std::make_unique<QTemporaryDir>();
  settings_ = std::make_unique<QSettings>(dir_->filePath("settings.ini"), QSettings::IniFormat);
}

void PreferencesDialogTest::cleanup() {
  Translations::install(QCoreApplication::instance(), "en");
  settings_.reset();
  dir_.reset();
}

void PreferencesDialogTest::showsStoredSettings() {
  settings_->setValue(StudioSettings::kLanguageKey, "zh_CN");
  settings_->setValue(StudioSettings::kDeviceKey, "cuda:1");
  settings_->setValue(StudioSettings::kCacheDirKey, "/var/cache/protext");
  settings_->setValue(StudioSettings::kThreadsKey, 1);
  settings_->setValue(StudioSettings::kOpenMiniModelKey, false);
  PreferencesDialog dialog(devices_, settings_.get());
  QCOMPARE(dialog.language(), QString("zh_CN"));
  QCOMPARE(dialog.device(), QString("cuda:1"));
  QCOMPARE(dialog.findChild<QComboBox*>("deviceCombo")->currentText(), QString("GPU 1 (CUDA)"));
  QCOMPARE(dialog.cacheDir(), QString("/var/cache/protext"));
  QCOMPARE(dialog.threads(), 1);
  QCOMPARE(dialog.openMiniModelAtStart(), false);
}

void PreferencesDialogTest::fillsDefaultsWhenNothingIsStored() {
  PreferencesDialog dialog(devices_, settings_.get());
  QCOMPARE(dialog.language(), QString("system"));
  QCOMPARE(dialog.device(), QString("cpu"));
  QCOMPARE(dialog.cacheDir(), StudioSettings::defaultCacheDir());
  QCOMPARE(dialog.threads(), QThread::idealThreadCount());
  QCOMPARE(dialog.openMiniModelAtStart(), true);
  QCOMPARE(dialog.findChild<QComboBox*>("languageCombo")->count(), 3);
}

void PreferencesDialogTest::applyWritesEverySetting() {
  PreferencesDialog dialog(devices_, settings_.get());
  dialog.findChild<QComboBox*>("deviceCombo")->setCurrentIndex(1);
  dialog.findChild<QLineEdit*>("cacheDirEdit")->setText("/tmp/protext-cache/");
  dialog.findChild<QSpinBox*>("threadsSpin")->setValue(1);
  dialog.findChild<QCheckBox*>("openMiniModelCheck")->setChecked(false);
  QSignalSpy applied(&dialog, &PreferencesDialog::applied);
  dialog.apply();
  QCOMPARE(applied.count(), 1);
  QSettings reread(dir_->filePath("settings.ini"), QSettings::IniFormat);
  QCOMPARE(reread.value("engine/device").toString(), QString("cuda:0"));
  QCOMPARE(reread.value("engine/cacheDir").toString(), QString("/tmp/protext-cache"));
  QCOMPARE(reread.value("engine/threads").toInt(), 1);
  QCOMPARE(reread.value("startup/openMiniModel").toBool(), false);
  QCOMPARE(reread.value("ui/language").toString(), QString("system"));
}

void PreferencesDialogTest::emptyCacheFolderMeansTheDefault() {
  settings_->setValue(StudioSettings::kCacheDirKey, "/somewhere");
  PreferencesDialog dialog(devices_, settings_.get());
  dialog.findChild<QLineEdit*>("cacheDirEdit")->clear();
  dialog.apply();
  QCOMPARE(settings_->value(StudioSettings::kCacheDirKey).toString(), StudioSettings::defaultCacheDir());
}

void PreferencesDialogTest::warnsWhenSavedDeviceIsMissing() {
  settings_->setValue(StudioSettings::kDeviceKey, "cuda");
  PreferencesDialog dialog(QStringList{"cpu"}, settings_.get());
  auto* warning = dialog.findChild<QLabel*>("deviceWarning");
  QCOMPARE(dialog.device(), QString("cpu"));
  QVERIFY(!warning->isHidden());
  QVERIFY2(warning->text().contains("“cuda”"), qPrintable(warning->text()));
  dialog.apply();  // the user accepted the CPU: the warning has done its job
  QVERIFY(warning->isHidden());
}

void PreferencesDialogTest::changedLanguageEmitsSignalOnce() {
  PreferencesDialog dialog(devices_, settings_.get());
  QSignalSpy changed(&dialog, &PreferencesDialog::languageChanged);
  auto* combo = dialog.findChild<QComboBox*>("languageCombo");
  combo->setCurrentIndex(combo->findData("en"));
  dialog.apply();
  dialog.apply();
  QCOMPARE(changed.count(), 1);
  QCOMPARE(changed.at(0).at(0).toString(), QString("en"));
  QCOMPARE(Translations::current(), QString("en"));
  QCOMPARE(settings_->value(StudioSettings::kLanguageKey).toString(), QString("en"));
}

void PreferencesDialogTest::resolvesLanguageNames() {
  QCOMPARE(Translations::available(), (QStringList{"en", "zh_CN"}));
  QCOMPARE(Translations::resolve("zh-CN"), QString("zh_CN"));
  QCOMPARE(Translations::resolve("EN"), QString("en"));
  QCOMPARE(Translations::resolve("fr"), QString());
  QVERIFY(Translations::available().contains(Translations::resolve("system")));
  QVERIFY(!Translations::install(QCoreApplication::instance(), "fr"));
  QVERIFY(Translations::install(QCoreApplication::instance(), "en"));
  QCOMPARE(Translations::current(), QString("en"));
}

void PreferencesDialogTest::chineseIsInstalledOrExplainedWhenMissing() {
  PreferencesDialog dialog(devices_, settings_.get());
  auto* combo = dialog.findChild<QComboBox*>("languageCombo");
  combo->setCurrentIndex(combo->findData("zh_CN"));
  dialog.apply();
  auto* note = dialog.findChild<QLabel*>("languageNote");
  if (QFile::exists(":/i18n/protext_zh_CN.qm")) {
    QCOMPARE(Translations::current(), QString("zh_CN"));
    QVERIFY(note->isHidden());
  } else {
    QCOMPARE(Translations::current(), QString("en"));
    QVERIFY(!note->isHidden());
    QVERIFY2(note->text().contains("中文 (简体)"), qPrintable(note->text()));
  }
}

PROTEXT_TEST_SUITE(PreferencesDialogTest)
#include "preferences_dialog_test.moc"
