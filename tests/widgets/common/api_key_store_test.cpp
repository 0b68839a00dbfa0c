// The LLM server's API key in the app (issue 12): kept in the system keychain for one
// server, never in the settings file, sent only to that server, and read from
// $OPENAI_API_KEY where the keychain holds none or cannot be reached. The real keychain
// path (QtKeychain → libsecret → gnome-keyring) on a private D-Bus session.
#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <optional>

#include "support/fixtures.h"
#include "support/openai_test_server.h"
#include "support/private_keyring.h"
#include "support/suite.h"
#include "widgets/common/ApiKeyStore.h"
#include "widgets/common/StudioSettings.h"
#include "widgets/panels/GenerateDescriptionsDialog.h"
#include "widgets/window/PreferencesDialog.h"

using namespace protext;

namespace {

const QString kServerA = "http://127.0.0.1:9/v1";
const QString kServerB = "https://api.example.com/v1";

ApiKeyStore::Key readKey(const QString& endpoint) {
  QObject context;
  std::optional<ApiKeyStore::Key> answer;
  ApiKeyStore::read(endpoint, &context, [&](const ApiKeyStore::Key& key) { answer = key; });
  if (!QTest::qWaitFor([&] { return answer.has_value(); }, 10000)) return {};
  return *answer;
}

bool saveKey(const QString& endpoint, const QString& key) {
  QObject context;
  std::optional<ApiKeyStore::Outcome> answer;
  ApiKeyStore::save(endpoint, key, &context, [&](const ApiKeyStore::Outcome& o) { answer = o; });
  return QTest::qWaitFor([&] { return answer.has_value(); }, 10000) && answer->ok;
}

QByteArray fileBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class ApiKeyStoreTest : public QObject {
  Q_OBJECT
  QTemporaryDir home_;
  std::unique_ptr<test::PrivateKeyring> keyring_;

 private slots:
  void initTestCase() {
    test::use_private_settings(home_.path());
    keyring_ = std::make_unique<test::PrivateKeyring>();
    QVERIFY2(keyring_->started(), qPrintable(keyring_->error()));
  }
  void init() {
    qunsetenv("OPENAI_API_KEY");
    StudioSettings().raw().clear();
  }

  void aSavedKeyIsReadBackForItsServerOnly() {
    QVERIFY(saveKey(kServerA, "sk-server-a"));
    const auto a = readKey(kServerA);
    QCOMPARE(a.value, QStringLiteral("sk-server-a"));
    QCOMPARE(a.source, ApiKeyStore::Source::Keychain);
    QCOMPARE(readKey(kServerA + "/").value, QStringLiteral("sk-server-a"));  // the same address
    const auto b = readKey(kServerB);
    QCOMPARE(b.source, ApiKeyStore::Source::None);
    QVERIFY(b.value.isEmpty());
    QVERIFY2(b.keychainError.isEmpty(), qPrintable(b.keychainError));
  }

  void theEnvironmentIsTheFallbackNotTheOverride() {
    QVERIFY(saveKey(kServerA, "sk-server-a"));
    qputenv("OPENAI_API_KEY", "sk-from-env");
    QCOMPARE(readKey(kServerB).value, QStringLiteral("sk-from-env"));
    QCOMPARE(readKey(kServerB).source, ApiKeyStore::Source::Environment);
    QCOMPARE(readKey(kServerA).value, QStringLiteral("sk-server-a"));
  }

  void preferencesKeepsTheTypedKeyInTheKeychainAndNeverInTheSettingsFile() {
    QTemporaryDir dir;
    test::TestServer server(dir.path());
    const QString url = QString::fromStdString(server.url());
    const QString settingsFile = dir.filePath("settings.ini");
    {
      QSettings settings(settingsFile, QSettings::IniFormat);
      PreferencesDialog preferences({"cpu"}, &settings);
      QSignalSpy read(&preferences, &PreferencesDialog::keyRead);
      preferences.load();
      QVERIFY(read.wait(10000));
      auto* endpoint = preferences.findChild<QLineEdit*>("llmEndpointEdit");
      endpoint->setText(url);
      emit endpoint->editingFinished();
      QVERIFY(read.wait(10000));
      QVERIFY2(preferences.keyNote()->text().startsWith("No key saved for this server"),
               qPrintable(preferences.keyNote()->text()));
      preferences.findChild<QLineEdit*>("llmModelEdit")->setText("llama3");
      auto* key = preferences.findChild<QLineEdit*>("llmKeyEdit");
      QCOMPARE(key->echoMode(), QLineEdit::Password);
      key->setText("sk-typed-7f3a");

      // Test Connection tries the key being typed, before it is saved.
      preferences.testConnection();
      QTRY_VERIFY_WITH_TIMEOUT(preferences.connectionResult()->text().startsWith("Connected"), 10000);
      QCOMPARE(QString::fromStdString(server.requests().back()["authorization"].get<std::string>()),
               QStringLiteral("Bearer sk-typed-7f3a"));

      QSignalSpy saved(&preferences, &PreferencesDialog::keySaved);
      preferences.apply();
      QVERIFY(saved.wait(10000));
      QCOMPARE(saved.front().front().toBool(), true);
      QVERIFY(key->text().isEmpty());
      QVERIFY(preferences.keyNote()->text().startsWith("A key for this server is saved in the system keychain"));
    }
    QVERIFY(!fileBytes(settingsFile).isEmpty());
    QVERIFY(!fileBytes(settingsFile).contains("sk-typed"));
    QCOMPARE(readKey(url).value, QStringLiteral("sk-typed-7f3a"));

    // Opened again: said to be saved, not shown, and forgettable.
    QSettings settings(settingsFile, QSettings::IniFormat);
    PreferencesDialog again({"cpu"}, &settings);
    QSignalSpy read(&again, &PreferencesDialog::keyRead);
    again.load();
    QVERIFY(read.wait(10000));
    auto* key = again.findChild<QLineEdit*>("llmKeyEdit");
    QVERIFY(key->text().isEmpty());
    QCOMPARE(key->placeholderText(), QStringLiteral("Saved in the system keychain"));
    // Test Connection with an empty field sends the saved key.
    again.testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(server.requests().size() == 2, 10000);
    QCOMPARE(QString::fromStdString(server.requests().back()["authorization"].get<std::string>()),
             QStringLiteral("Bearer sk-typed-7f3a"));
    QTRY_VERIFY_WITH_TIMEOUT(again.connectionResult()->text().startsWith("Connected"), 10000);

    auto* forget = again.findChild<QPushButton*>("forgetKeyButton");
    QVERIFY(forget->isEnabled());
    QSignalSpy forgotten(&again, &PreferencesDialog::keyForgotten);
    forget->click();
    QVERIFY(forgotten.wait(10000));
    QCOMPARE(readKey(url).source, ApiKeyStore::Source::None);
    QVERIFY(!forget->isEnabled());
  }

  void okClosesOnlyOnceTheKeyIsSaved() {
    QSettings settings(home_.filePath("ok.ini"), QSettings::IniFormat);
    PreferencesDialog preferences({"cpu"}, &settings);
    preferences.load();
    preferences.findChild<QLineEdit*>("llmEndpointEdit")->setText(kServerB);
    preferences.findChild<QLineEdit*>("llmKeyEdit")->setText("sk-on-ok");
    QSignalSpy accepted(&preferences, &QDialog::accepted);
    QSignalSpy saved(&preferences, &PreferencesDialog::keySaved);
    preferences.open();
    QTest::keyClick(&preferences, Qt::Key_Return);  // OK is the default button
    QCOMPARE(accepted.count(), 0);  // not yet: the keychain has not answered
    QVERIFY(saved.wait(10000));
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(readKey(kServerB).value, QStringLiteral("sk-on-ok"));
  }

  void generateDescriptionsSendsTheSavedKeyAndWritesItNowhere() {
    QTemporaryDir dir;
    test::TestServer server(dir.path());
    const QString url = QString::fromStdString(server.url());
    QVERIFY(saveKey(url, "sk-describe-91c"));
    qputenv("OPENAI_API_KEY", "sk-env-not-this-one");
    StudioSettings settings;
    settings.setLlm(url, "llama3");
    settings.setUseCache(true);
    settings.setCacheDir(dir.filePath("cache"));

    GenerateDescriptionsDialog dialog({"heron"});
    QSignalSpy generated(&dialog, &GenerateDescriptionsDialog::generated);
    QVERIFY(generated.wait(10000));  // WordNet first
    dialog.sourceBox()->setCurrentIndex(1);
    QVERIFY(generated.wait(20000));
    dialog.applyButton()->click();
    QCOMPARE(dialog.accepted().value("heron").size(), 15);
    QVERIFY(!server.requests().empty());
    for (const auto& r : server.requests())
      QCOMPARE(QString::fromStdString(r["authorization"].get<std::string>()), QStringLiteral("Bearer sk-describe-91c"));
    // The cache of answers and the settings hold no trace of it.
    settings.sync();
    QDirIterator files(dir.filePath("cache"), QDir::Files, QDirIterator::Subdirectories);
    int cached = 0;
    for (; files.hasNext(); ++cached) QVERIFY2(!fileBytes(files.next()).contains("sk-describe"), qPrintable(files.filePath()));
    QVERIFY(cached > 0);
    QVERIFY(!fileBytes(settings.raw().fileName()).contains("sk-describe"));
  }

  // Last: it stops the keychain.
  void withoutAKeychainTheEnvironmentKeyIsUsedAndTheDialogSaysWhy() {
    keyring_->stopKeyring();
    QTRY_VERIFY_WITH_TIMEOUT(!keyring_->keyringRunning(), 5000);
    qputenv("OPENAI_API_KEY", "sk-from-env");
    const auto key = readKey(kServerA);
    QCOMPARE(key.value, QStringLiteral("sk-from-env"));
    QCOMPARE(key.source, ApiKeyStore::Source::Environment);
    QVERIFY(!key.keychainError.isEmpty());

    QSettings settings(home_.filePath("none.ini"), QSettings::IniFormat);
    PreferencesDialog preferences({"cpu"}, &settings);
    QSignalSpy read(&preferences, &PreferencesDialog::keyRead);
    preferences.load();
    QVERIFY(read.wait(10000));
    QVERIFY2(preferences.keyNote()->text().startsWith("No system keychain is available"),
             qPrintable(preferences.keyNote()->text()));
    QVERIFY(preferences.keyNote()->toolTip().startsWith("The system keychain said: "));
    QVERIFY(preferences.keyNote()->text().contains("OPENAI_API_KEY is used"));
    QVERIFY(!preferences.findChild<QLineEdit*>("llmKeyEdit")->isEnabled());
  }
};

PROTEXT_TEST_SUITE(ApiKeyStoreTest)
#include "api_key_store_test.moc"
