// Generate Descriptions (issue 12) in the app: WordNet writes them on a worker thread with
// progress and Stop, the user edits or unticks before applying, and the class list takes
// them as one undo step. Real WordNet data (Debian's wordnet-base), as `protext describe`.
#include <QElapsedTimer>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include "support/suite.h"
#include "widgets/engine/DescriptionService.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/panels/ClassListEditor.h"
#include "widgets/panels/GenerateDescriptionsDialog.h"

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
 private slots:
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
    QCOMPARE(result.descriptions.size(), 2);  // both names arrived before the stop
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
