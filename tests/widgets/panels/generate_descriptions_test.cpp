// Generate Descriptions (issue 12) in the app: WordNet writes them on a worker thread with
// progress and Stop, the user edits or unticks before applying, and the class list takes
// them as one undo step. Real WordNet data (Debian's wordnet-base), as `protext describe`.
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QSettings>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include "support/fixtures.h"
#include "support/openai_test_server.h"
#include "support/suite.h"
#include "widgets/common/StudioSettings.h"
#include "widgets/engine/DescriptionService.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/panels/ClassListEditor.h"
#include "widgets/panels/GenerateDescriptionsDialog.h"
#include "widgets/window/PreferencesDialog.h"

using namespace protext;

namespace {

QListWidgetItem* itemFor(QListWidget* list, const QString& name) {
  for (int i = 0; i < list->count(); ++i)
    if (list->item(i)->data(Qt::UserRole + 1).toString() == name) return list->item(i);
  return nullptr;
}

}  // namespace

class GenerateDescriptionsTest : public QObject {
  Q_OBJECT
  QTemporaryDir home_;

 private slots:
  void initTestCase() { test::use_private_settings(home_.path()); }

  void init() { StudioSettings().raw().clear(); }

  void withoutAServerTheLlmSourceIsShownButNotChoosable() {
    GenerateDescriptionsDialog dialog({"heron"});
    QComboBox* source = dialog.sourceBox();
    QCOMPARE(source->count(), 2);
    QCOMPARE(source->itemText(1), QStringLiteral("LLM server (set one in Preferences)"));
    auto* items = qobject_cast<QStandardItemModel*>(source->model());
    QVERIFY(!items->item(1)->isEnabled());
  }

  void anLlmServerSetInPreferencesDescribesToo() {
    QTemporaryDir dir;
    test::TestServer server(dir.path());
    // Set as a user does: Preferences, Test Connection, OK.
    PreferencesDialog preferences({"cpu"});
    preferences.findChild<QLineEdit*>("llmEndpointEdit")->setText(QString::fromStdString(server.url()));
    preferences.findChild<QLineEdit*>("llmModelEdit")->setText("llama3");
    preferences.testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(preferences.connectionResult()->text().startsWith("Connected: \"Answer 1-0 to: Describe what a(n) heron"),
                             10000);
    preferences.apply();
    StudioSettings().setUseCache(false);

    GenerateDescriptionsDialog dialog({"heron", "egret"});
    QSignalSpy generated(&dialog, &GenerateDescriptionsDialog::generated);
    QVERIFY(generated.wait(10000));  // WordNet first
    QCOMPARE(dialog.sourceBox()->itemText(1), QString("LLM server: llama3 at %1").arg(QString::fromStdString(server.url())));
    dialog.sourceBox()->setCurrentIndex(1);
    QVERIFY(generated.wait(20000));
    QCOMPARE(dialog.classList()->count(), 2);
    dialog.applyButton()->click();
    const auto accepted = dialog.accepted();
    QCOMPARE(accepted.size(), 2);
    QCOMPARE(accepted.value("egret").size(), 15);  // CuPL's 5 questions x 3 answers
    QVERIFY(accepted.value("egret").front().contains("to: Describe what a(n) egret looks like"));
    QVERIFY(server.requests().size() >= 10);
    for (const auto& r : server.requests()) QCOMPARE(r["request"]["model"].get<std::string>(), std::string("llama3"));
  }

  void testConnectionNamesARefusedServer() {
    int port = 0;
    {
      QTemporaryDir dir;
      test::TestServer gone(dir.path());
      port = gone.port();
    }
    PreferencesDialog preferences({"cpu"});
    preferences.findChild<QLineEdit*>("llmEndpointEdit")->setText(QString("http://127.0.0.1:%1/v1").arg(port));
    preferences.findChild<QLineEdit*>("llmModelEdit")->setText("llama3");
    preferences.testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(preferences.connectionResult()->text().startsWith("Failed:"), 10000);
    QVERIFY2(preferences.connectionResult()->text().contains("connection refused"),
             qPrintable(preferences.connectionResult()->text()));
  }

  void theDialogShowsWhatWordNetWroteAndAppliesOnlyWhatIsTicked() {
    GenerateDescriptionsDialog dialog({"golden retriever", "blicket", "airliner"});
    QSignalSpy generated(&dialog, &GenerateDescriptionsDialog::generated);
    QVERIFY(generated.wait(10000));
    QCOMPARE(dialog.classList()->count(), 3);
    QVERIFY(!(itemFor(dialog.classList(), "blicket")->flags() & Qt::ItemIsUserCheckable));
    QCOMPARE(dialog.unknown(), QStringList{"blicket"});
    QVERIFY(dialog.applyButton()->isEnabled());
    // The first class's sentences are in the editor, as protext describe writes them.
    QVERIFY2(dialog.editor()->toPlainText().startsWith("a golden retriever, a kind of retriever."),
             qPrintable(dialog.editor()->toPlainText()));

    itemFor(dialog.classList(), "golden retriever")->setCheckState(Qt::Unchecked);
    dialog.classList()->setCurrentItem(itemFor(dialog.classList(), "airliner"));
    dialog.editor()->setPlainText("an airliner has two wings.\n\n   ");
    dialog.applyButton()->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto accepted = dialog.accepted();
    QCOMPARE(accepted.keys(), QStringList{"airliner"});
    QCOMPARE(accepted.value("airliner"), QStringList{"an airliner has two wings."});
  }

  void theClassListTakesThemAsOneUndoStep() {
    QUndoStack undo;
    ClassListModel model{&undo};
    ClassListEditor editor{&model, &undo};
    editor.setInteractive(false);
    model.load({{"golden retriever", {}}, {"airliner", {"a plane."}}, {"blicket", {}}});
    // Nothing selected: the classes without descriptions.
    QCOMPARE(editor.describeTargets(), (QStringList{"golden retriever", "blicket"}));
    QVERIFY(editor.applyGeneratedDescriptions(
        {{"golden retriever", {"a golden retriever, a kind of retriever."}}, {"airliner", {"an airliner, a kind of airplane."}}}));
    QCOMPARE(undo.count(), 1);
    QCOMPARE(undo.undoText(), QStringLiteral("Generate descriptions for 2 classes"));
    QCOMPARE(model.descriptions("airliner"), QStringList{"an airliner, a kind of airplane."});
    undo.undo();
    QCOMPARE(model.descriptions("airliner"), QStringList{"a plane."});
    QVERIFY(model.descriptions("golden retriever").isEmpty());
    // The same again changes nothing and adds no step.
    QVERIFY(!editor.applyGeneratedDescriptions({{"airliner", {"a plane."}}}));
    QCOMPARE(undo.index(), 0);
  }

  void stopEndsALongRunWithinASecondKeepingWhatArrived() {
    DescriptionService service;
    QStringList many;
    for (int i = 0; i < 200000; ++i) many << (i % 2 ? "airliner" : "golden retriever");
    QSignalSpy progress(&service, &DescriptionService::progress);
    QSignalSpy finished(&service, &DescriptionService::finished);
    service.start(many);
    QVERIFY(progress.wait(10000));
    QElapsedTimer clock;
    clock.start();
    service.cancel();
    QVERIFY(finished.wait(5000));
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString("%1 ms").arg(clock.elapsed())));
    const auto result = finished.at(0).at(0).value<DescribedClasses>();
    QVERIFY(result.cancelled);
    QVERIFY(!result.descriptions.isEmpty());  // what arrived before the stop is kept
  }

  void aMissingWordNetIsNamed() {
    DescriptionService service;
    service.setWordNetDir("/nonexistent/wordnet");
    QSignalSpy finished(&service, &DescriptionService::finished);
    service.start({"airliner"});
    QVERIFY(finished.wait(5000));
    const auto result = finished.at(0).at(0).value<DescribedClasses>();
    QVERIFY2(result.error.contains("no WordNet noun files here"), qPrintable(result.error));
  }
};

PROTEXT_TEST_SUITE(GenerateDescriptionsTest)
#include "generate_descriptions_test.moc"
