// The Classes panel: paste, filter, import/export through its slots, description editing with
// undo, and the counts and warnings it shows.
#include <QAction>
#include <QApplication>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <memory>

#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/panels/ClassListEditor.h"

using protext::ClassEntry;
using protext::ClassListEditor;
using protext::ClassListModel;
using protext::test::write_file;

namespace {

QByteArray readFile(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One editor on one model and one undo stack, with message boxes turned into signals.
struct Panel {
  QUndoStack undo;
  ClassListModel model{&undo};
  ClassListEditor editor{&model, &undo};
  QSignalSpy errors{&editor, &ClassListEditor::errorShown};
  explicit Panel(const QVector<ClassEntry>& entries = {}) {
    editor.setInteractive(false);
    model.load(entries);
  }
};

QVector<ClassEntry> fourClasses() {
  return {{"tabby cat", {"a striped cat", "an orange cat"}},
          {"Golden retriever", {"a golden dog"}},
          {"cathedral", {}},
          {"goldfish", {"a small orange fish"}}};
}

}  // namespace

class ClassListEditorTest : public QObject {
  Q_OBJECT

 private slots:
  void pastingFiveLinesAddsTheNewOnesAsOneUndoStep();
  void pastingOnlyKnownNamesChangesNothing();
  void filterShowsMatchesIgnoringCase();
  void addActionAddsAFreshlyNamedClass();
  void removeActionRemovesSelectionAsOneUndoStep();
  void droppingOnTheListMovesTheDraggedClassesAsOneStep();
  void textImportRoundTripsThroughExport();
  void importOfPlainNamesKeepsKnownDescriptions();
  void cuplImportRoundTripsThroughExport();
  void importDescriptionsMatchesKeysAndIsOneUndoStep();
  void importDescriptionsMatchingNoClassIsRefused();
  void importDescriptionsTakesNearNamesAndSaysSo();
  void malformedJsonIsReportedAndLeavesListUnchanged();
  void importsTheSharedOxfordPetsDescriptions();
  void descriptionEditsAppliedAfterAPauseAreUndoable();
  void descriptionEditsAppliedOnLeavingAreUndoable();
  void countLabelCountsClassesWithoutDescriptions();
  void warningShownOnlyForClassWithoutDescriptions();
  void actionsHaveShortcutsAndTooltips();
};

void ClassListEditorTest::pastingFiveLinesAddsTheNewOnesAsOneUndoStep() {
  Panel panel(fourClasses());
  QSignalSpy news(&panel.editor, &ClassListEditor::statusMessage);
  const int added = panel.editor.pasteLines("persian cat\n\n  siamese  \r\nGoldfish\nsphynx\n");
  QCOMPARE(added, 3);
  QCOMPARE(panel.model.classes(), QStringList({"tabby cat", "Golden retriever", "cathedral",
                                               "goldfish", "persian cat", "siamese", "sphynx"}));
  QCOMPARE(panel.undo.count(), 1);
  QCOMPARE(panel.errors.count(), 0);
  QCOMPARE(news.count(), 1);
  QCOMPARE(news.at(0).at(0).toString(),
           QString("Added 3 classes; skipped 1 already in the list: Goldfish."));
  QCOMPARE(panel.editor.selectedClasses(), QStringList({"persian cat", "siamese", "sphynx"}));
  panel.undo.undo();
  QCOMPARE(panel.model.entries(), fourClasses());
  panel.undo.redo();
  QCOMPARE(panel.model.count(), 7);
}

void ClassListEditorTest::pastingOnlyKnownNamesChangesNothing() {
  Panel panel(fourClasses());
  QCOMPARE(panel.editor.pasteLines("GOLDFISH\ncathedral"), 0);
  QCOMPARE(panel.editor.pasteLines("\n \n"), 0);
  QCOMPARE(panel.errors.count(), 2);
  QCOMPARE(panel.model.entries(), fourClasses());
  QCOMPARE(panel.undo.count(), 0);
}

void ClassListEditorTest::filterShowsMatchesIgnoringCase() {
  Panel panel(fourClasses());
  QSortFilterProxyModel* shown = panel.editor.filterModel();
  QCOMPARE(shown->rowCount(), 4);
  panel.editor.searchField()->setText("CAT");
  QCOMPARE(shown->rowCount(), 2);
  QCOMPARE(shown->index(0, 0).data().toString(), QString("tabby cat"));
  QCOMPARE(shown->index(1, 0).data().toString(), QString("cathedral"));
  QCOMPARE(panel.editor.countLabel()->text(), QString("4 classes, 1 without descriptions (2 shown)"));
  panel.editor.searchField()->setText("gold");
  QCOMPARE(shown->rowCount(), 2);
  panel.editor.searchField()->clear();
  QCOMPARE(shown->rowCount(), 4);
}

void ClassListEditorTest::addActionAddsAFreshlyNamedClass() {
  Panel panel(fourClasses());
  QVERIFY(panel.editor.selectClass("tabby cat"));
  panel.editor.addClassAction()->trigger();
  panel.editor.addClassAction()->trigger();
  // Each new class goes after the current one, which the previous add made the new class.
  QCOMPARE(panel.model.classes().mid(0, 3), QStringList({"tabby cat", "new class", "new class 2"}));
  QCOMPARE(panel.editor.currentClass(), QString("new class 2"));
  QCOMPARE(panel.undo.count(), 2);
}

void ClassListEditorTest::removeActionRemovesSelectionAsOneUndoStep() {
  Panel panel(fourClasses());
  QListView* view = panel.editor.listView();
  auto* selection = view->selectionModel();
  selection->select(view->model()->index(0, 0), QItemSelectionModel::Select);
  selection->select(view->model()->index(2, 0), QItemSelectionModel::Select);
  QVERIFY(panel.editor.removeClassesAction()->isEnabled());
  panel.editor.removeClassesAction()->trigger();
  QCOMPARE(panel.model.classes(), QStringList({"Golden retriever", "goldfish"}));
  QCOMPARE(panel.undo.count(), 1);
  panel.undo.undo();
  QCOMPARE(panel.model.entries(), fourClasses());
}

void ClassListEditorTest::droppingOnTheListMovesTheDraggedClassesAsOneStep() {
  Panel panel(fourClasses());
  panel.editor.resize(300, 500);
  panel.editor.show();
  QVERIFY(QTest::qWaitForWindowExposed(&panel.editor));
  QListView* view = panel.editor.listView();
  // Without a real drag there is no drag source, which InternalMove requires.
  view->setDragDropMode(QAbstractItemView::DragDrop);
  QAbstractItemModel* shown = view->model();
  std::unique_ptr<QMimeData> dragged(shown->mimeData({shown->index(3, 0), shown->index(1, 0)}));
  const QRect first = view->visualRect(shown->index(0, 0));
  const QPoint atTop(first.center().x(), first.top() + 1);
  // Qt delivers a drop only to the widget that accepted the drag's entry.
  QDragEnterEvent enter(atTop, Qt::MoveAction, dragged.get(), Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(view->viewport(), &enter);
  QVERIFY(enter.isAccepted());
  QDropEvent drop(atTop, Qt::MoveAction, dragged.get(), Qt::LeftButton, Qt::NoModifier);
  drop.setDropAction(Qt::MoveAction);
  QApplication::sendEvent(view->viewport(), &drop);
  QCOMPARE(panel.model.classes(),
           QStringList({"Golden retriever", "goldfish", "tabby cat", "cathedral"}));
  QCOMPARE(panel.undo.count(), 1);
  QCOMPARE(panel.model.descriptions("goldfish"), QStringList({"a small orange fish"}));
  panel.undo.undo();
  QCOMPARE(panel.model.entries(), fourClasses());
}

void ClassListEditorTest::textImportRoundTripsThroughExport() {
  QTemporaryDir dir;
  Panel panel(fourClasses());
  QSignalSpy news(&panel.editor, &ClassListEditor::statusMessage);
  const QString in = write_file(dir.filePath("birds.txt"), "# birds\nrobin\n\nwren\nRobin\n  jay \n");
  QVERIFY(panel.editor.importClasses(in));
  QCOMPARE(panel.model.classes(), QStringList({"robin", "wren", "jay"}));
  QCOMPARE(panel.undo.undoText(), QString("Import classes from 'birds.txt'"));
  QCOMPARE(news.last().at(0).toString(),
           QString("Imported 3 classes from 'birds.txt' in place of 4. Note: %1: repeated classes kept once, where each "
                   "first appears: 'Robin' (line 5) = 'robin' (line 2).")
               .arg(in));

  const QString out = dir.filePath("out.txt");
  QVERIFY(panel.editor.exportClasses(out));
  QCOMPARE(readFile(out), QByteArray("robin\nwren\njay\n"));

  Panel again;
  QVERIFY(again.editor.importClasses(out));
  QCOMPARE(again.model.classes(), panel.model.classes());

  const QString json = dir.filePath("out.json");
  QVERIFY(panel.editor.exportClasses(json));
  Panel fromJson;
  QVERIFY(fromJson.editor.importClasses(json));
  QCOMPARE(fromJson.model.classes(), QStringList({"robin", "wren", "jay"}));

  panel.undo.undo();
  QCOMPARE(panel.model.entries(), fourClasses());
}

void ClassListEditorTest::importOfPlainNamesKeepsKnownDescriptions() {
  QTemporaryDir dir;
  Panel panel(fourClasses());
  QVERIFY(panel.editor.importClasses(write_file(dir.filePath("two.txt"), "goldfish\nTabby_Cat\nkoi\n")));
  QCOMPARE(panel.model.classes(), QStringList({"goldfish", "Tabby_Cat", "koi"}));
  QCOMPARE(panel.model.descriptions("goldfish"), QStringList({"a small orange fish"}));
  QCOMPARE(panel.model.descriptions("Tabby_Cat"), QStringList({"a striped cat", "an orange cat"}));
  QCOMPARE(panel.model.descriptions("koi"), QStringList());
}

void ClassListEditorTest::cuplImportRoundTripsThroughExport() {
  QTemporaryDir dir;
  Panel panel;
  const QString in = write_file(dir.filePath("cupl.json"),
      "{\"zebra\": [\"a horse with black and white stripes\", \"a striped animal\"],\n"
      " \"aardvark\": [\"an animal with a long snout\"],\n \"okapi\": []}");
  QVERIFY(panel.editor.importClasses(in));
  const QVector<ClassEntry> expected{
      {"zebra", {"a horse with black and white stripes", "a striped animal"}},
      {"aardvark", {"an animal with a long snout"}},
      {"okapi", {}}};
  QCOMPARE(panel.model.entries(), expected);

  const QString out = dir.filePath("exported.json");
  QVERIFY(panel.editor.exportDescriptions(out));
  Panel again({{"okapi", {}}, {"aardvark", {}}, {"zebra", {}}});
  QVERIFY(again.editor.importDescriptions(out));
  QCOMPARE(again.model.classes(), QStringList({"okapi", "aardvark", "zebra"}));
  QCOMPARE(again.model.descriptions("zebra"), expected[0].descriptions);
  QCOMPARE(again.model.descriptions("aardvark"), expected[1].descriptions);

  Panel whole;
  QVERIFY(whole.editor.importClasses(out));
  QCOMPARE(whole.model.entries(), expected);
}

void ClassListEditorTest::importDescriptionsMatchesKeysAndIsOneUndoStep() {
  QTemporaryDir dir;
  Panel panel(fourClasses());
  QSignalSpy news(&panel.editor, &ClassListEditor::statusMessage);
  const QString path = write_file(dir.filePath("descriptions.json"),
                                 "{\"Golden_Retriever\": [\"a friendly yellow dog\"],\n"
                                 " \"CATHEDRAL\": [\"a large church\", \"gothic arches\"],\n"
                                 " \"unicorn\": [\"a horse with a horn\"]}");
  QVERIFY(panel.editor.importDescriptions(path));
  QCOMPARE(panel.model.descriptions("golden retriever"), QStringList({"a friendly yellow dog"}));
  QCOMPARE(panel.model.descriptions("cathedral"), QStringList({"a large church", "gothic arches"}));
  QCOMPARE(panel.model.descriptions("tabby cat"), QStringList({"a striped cat", "an orange cat"}));
  QCOMPARE(panel.model.classes(), QStringList({"tabby cat", "Golden retriever", "cathedral", "goldfish"}));
  QCOMPARE(panel.undo.count(), 1);
  QCOMPARE(panel.undo.undoText(), QString("Import descriptions from 'descriptions.json'"));
  QCOMPARE(news.last().at(0).toString(),
           QString("Descriptions for 2 of 4 classes from 'descriptions.json'. "
                   "1 in the file match no class: unicorn."));
  panel.undo.undo();
  QCOMPARE(panel.model.entries(), fourClasses());
}

void ClassListEditorTest::importDescriptionsMatchingNoClassIsRefused() {
  QTemporaryDir dir;
  Panel panel(fourClasses());
  QVERIFY(!panel.editor.importDescriptions(write_file(dir.filePath("cars.json"), "{\"sedan\": [\"a car\"]}")));
  QCOMPARE(panel.errors.count(), 1);
  QVERIFY(panel.errors.at(0).at(0).toString().contains("cars.json"));
  QCOMPARE(panel.model.entries(), fourClasses());
  QCOMPARE(panel.undo.count(), 0);
}

void ClassListEditorTest::importDescriptionsTakesNearNamesAndSaysSo() {
  // A plural or a hyphen away from a class with no key: offered (asked when interactive),
  // then applied with the rest as one undo step, and named in the news.
  QTemporaryDir dir;
  Panel panel(fourClasses());
  QSignalSpy news(&panel.editor, &ClassListEditor::statusMessage);
  const QString path = write_file(dir.filePath("gpt.json"),
                                 "{\"tabby cats\": [\"a cat with stripes\"],\n"
                                 " \"cathedrals\": [\"a large church\"],\n"
                                 " \"goldfish\": [\"a small orange fish\"]}");
  QVERIFY(panel.editor.importDescriptions(path));
  QCOMPARE(panel.model.descriptions("tabby cat"), QStringList({"a cat with stripes"}));
  QCOMPARE(panel.model.descriptions("cathedral"), QStringList({"a large church"}));
  QCOMPARE(panel.undo.count(), 1);
  QVERIFY2(news.last().at(0).toString().endsWith(
               "Taken by a near name: 'tabby cats' for 'tabby cat', 'cathedrals' for 'cathedral'."),
           qPrintable(news.last().at(0).toString()));
  QVERIFY(!news.last().at(0).toString().contains("match no class"));
}

void ClassListEditorTest::malformedJsonIsReportedAndLeavesListUnchanged() {
  QTemporaryDir dir;
  Panel panel(fourClasses());
  const QString path = write_file(dir.filePath("broken.json"), "{\"zebra\": [\"striped\"");
  QVERIFY(!panel.editor.importClasses(path));
  QVERIFY(!panel.editor.importDescriptions(path));
  QCOMPARE(panel.errors.count(), 2);
  for (const auto& error : panel.errors) {
    const QString message = error.at(0).toString();
    QVERIFY2(message.startsWith(path + ": not valid JSON: parse error at line 1, column "), qPrintable(message));
  }
  QVERIFY(!panel.editor.importClasses(write_file(dir.filePath("wrong.json"), "{\"zebra\": 7}")));
  QVERIFY(panel.errors.last().at(0).toString().contains("wrong.json"));
  QVERIFY(!panel.editor.importClasses(dir.filePath("absent.txt")));
  QVERIFY(panel.errors.last().at(0).toString().contains("absent.txt"));
  QCOMPARE(panel.model.entries(), fourClasses());
  QCOMPARE(panel.undo.count(), 0);
}

void ClassListEditorTest::importsTheSharedOxfordPetsDescriptions() {
  const QString shared = qEnvironmentVariable("PROTEXT_SHARED_DATA");
  const QString path = shared + "/cupl/oxford_pets.json";
  if (shared.isEmpty() || !QFile::exists(path)) QSKIP("PROTEXT_SHARED_DATA/cupl/oxford_pets.json not found");
  Panel panel;
  QVERIFY(panel.editor.importClasses(path));
  // The data README: oxford_pets has 37 classes and 740 descriptions.
  QCOMPARE(panel.model.count(), 37);
  int descriptions = 0;
  for (const ClassEntry& entry : panel.model.entries()) descriptions += entry.descriptions.size();
  QCOMPARE(descriptions, 740);
  QCOMPARE(panel.model.classes().mid(0, 3),
           QStringList({"wheaten terrier", "great pyrenees", "Sphynx"}));
}

void ClassListEditorTest::descriptionEditsAppliedAfterAPauseAreUndoable() {
  Panel panel(fourClasses());
  QVERIFY(panel.editor.selectClass("cathedral"));
  QPlainTextEdit* text = panel.editor.descriptionEditor();
  QVERIFY(text->isEnabled());
  QCOMPARE(text->toPlainText(), QString());
  text->setPlainText("a large church\n\n  with a spire \n");
  QCOMPARE(panel.undo.count(), 0);  // not yet: the pause has not ended
  QTRY_COMPARE_WITH_TIMEOUT(panel.undo.count(), 1, 3000);
  QCOMPARE(panel.model.descriptions("cathedral"), QStringList({"a large church", "with a spire"}));
  QCOMPARE(panel.undo.undoText(), QString("Edit descriptions of 'cathedral'"));

  panel.undo.undo();
  QCOMPARE(panel.model.entries(), fourClasses());
  QCOMPARE(text->toPlainText(), QString());
  panel.undo.redo();
  QCOMPARE(text->toPlainText(), QString("a large church\nwith a spire"));
}

void ClassListEditorTest::descriptionEditsAppliedOnLeavingAreUndoable() {
  Panel panel(fourClasses());
  QVERIFY(panel.editor.selectClass("goldfish"));
  QPlainTextEdit* text = panel.editor.descriptionEditor();
  QCOMPARE(text->toPlainText(), QString("a small orange fish"));
  text->setPlainText("a small orange fish\na pet fish in a bowl");
  // Choosing another class applies the edit to the one being edited.
  QVERIFY(panel.editor.selectClass("tabby cat"));
  QCOMPARE(panel.undo.count(), 1);
  QCOMPARE(panel.model.descriptions("goldfish"), QStringList({"a small orange fish", "a pet fish in a bowl"}));
  QCOMPARE(text->toPlainText(), QString("a striped cat\nan orange cat"));

  text->setPlainText("a striped cat");
  QVERIFY(panel.editor.applyDescriptionEdits());
  QVERIFY(!panel.editor.applyDescriptionEdits());  // nothing new
  QCOMPARE(panel.undo.count(), 2);
  panel.undo.undo();
  panel.undo.undo();
  QCOMPARE(panel.model.entries(), fourClasses());
  QCOMPARE(text->toPlainText(), QString("a striped cat\nan orange cat"));
}

void ClassListEditorTest::countLabelCountsClassesWithoutDescriptions() {
  Panel panel;
  QCOMPARE(panel.editor.countLabel()->text(), QString("No classes yet: add, paste or import some."));
  panel.model.load(fourClasses());
  QCOMPARE(panel.editor.countLabel()->text(), QString("4 classes, 1 without descriptions"));
  panel.editor.pasteLines("a\nb");
  QCOMPARE(panel.editor.countLabel()->text(), QString("6 classes, 3 without descriptions"));
  panel.model.editDescriptions(2, {"a church"});
  QCOMPARE(panel.editor.countLabel()->text(), QString("6 classes, 2 without descriptions"));
  panel.undo.undo();
  panel.undo.undo();
  QCOMPARE(panel.editor.countLabel()->text(), QString("4 classes, 1 without descriptions"));
  panel.model.load({{"x", {"d"}}});
  QCOMPARE(panel.editor.countLabel()->text(), QString("1 class, all with descriptions"));
}

void ClassListEditorTest::warningShownOnlyForClassWithoutDescriptions() {
  Panel panel(fourClasses());
  panel.editor.show();
  QVERIFY(QTest::qWaitForWindowExposed(&panel.editor));
  QLabel* warning = panel.editor.warningLabel();
  QVERIFY(panel.editor.selectClass("cathedral"));
  QVERIFY(warning->isVisible());
  QVERIFY(warning->text().contains("'cathedral' has no descriptions"));
  QVERIFY(panel.editor.selectClass("goldfish"));
  QVERIFY(!warning->isVisible());
  panel.model.editDescriptions(3, {});
  QVERIFY(warning->isVisible());
  panel.undo.undo();
  QVERIFY(!warning->isVisible());
}

void ClassListEditorTest::actionsHaveShortcutsAndTooltips() {
  Panel panel;
  QCOMPARE(panel.editor.addClassAction()->shortcut(), QKeySequence(Qt::Key_Insert));
  QCOMPARE(panel.editor.removeClassesAction()->shortcut(), QKeySequence(QKeySequence::Delete));
  QCOMPARE(panel.editor.pasteLinesAction()->shortcut(), QKeySequence("Ctrl+Shift+V"));
  for (QAction* action : {panel.editor.addClassAction(), panel.editor.removeClassesAction(),
                          panel.editor.pasteLinesAction(), panel.editor.importClassesAction(),
                          panel.editor.exportClassesAction(), panel.editor.importDescriptionsAction(),
                          panel.editor.exportDescriptionsAction()}) {
    QVERIFY2(!action->toolTip().isEmpty() && action->toolTip() != action->text(),
             qPrintable(action->text()));
  }
}

PROTEXT_TEST_SUITE(ClassListEditorTest)
#include "class_list_editor_test.moc"
