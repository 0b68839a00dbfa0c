// The class list model: undoable edits, refused names, drag moves, roles, and the class-list
// and CuPL file formats it is loaded from.
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <memory>

#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/common/ClassFiles.h"
#include "widgets/models/ClassCommands.h"
#include "widgets/models/ClassListModel.h"

using protext::ClassEntry;
using protext::ClassFiles;
using protext::ClassListModel;
using protext::test::write_file;

namespace {

QVector<ClassEntry> threePets() {
  return {{"abyssinian", {"a cat with a ticked coat", "a slender cat"}},
          {"beagle", {"a small hound"}},
          {"chihuahua", {}}};
}

}  // namespace

class ClassListModelTest : public QObject {
  Q_OBJECT

 private slots:
  void addThenUndoRedoRestoresListExactly();
  void addingManyNamesIsOneUndoStep();
  void removeUndoRestoresClassesAtTheirRowsWithDescriptions();
  void renameKeepsDescriptionsAndUndoRestoresOldName();
  void moveUndoRestoresOrder();
  void dropThroughFilterProxyMovesAllDraggedRowsAsOneStep();
  void dropFromAnotherModelIsRefused();
  void selectionFollowsAMovedClass();
  void refusesEmptyAndDuplicateNames();
  void setDataTrimsNames();
  void descriptionsAreUndoableAndRolesCountThem();
  void warningIconOnlyForClassesWithoutDescriptions();
  void classesChangedAfterEveryChange();
  void replaceAllIsOneUndoStepAndLoadForgetsHistory();
  void descriptionsLookedUpIgnoringCaseAndUnderscores();
  void readsTextListSkippingBlanksCommentsAndDuplicates();
  void readsJsonArrayAndCuplObjectInFileOrder();
  void cuplWithWrongTypesIsRefusedWithTheKey();
  void malformedJsonErrorNamesFileAndPosition();
  void emptyOrMissingFilesGiveMessages();
  void cuplWriteThenReadRoundTrips();
};

void ClassListModelTest::addThenUndoRedoRestoresListExactly() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries(threePets());
  const QVector<ClassEntry> before = model.entries();

  QCOMPARE(model.addClasses({"dalmatian"}, 1), 1);
  QCOMPARE(model.classes(), QStringList({"abyssinian", "dalmatian", "beagle", "chihuahua"}));
  QCOMPARE(undo.count(), 1);
  QCOMPARE(undo.undoText(), QString("Add class 'dalmatian'"));

  undo.undo();
  QCOMPARE(model.entries(), before);
  undo.redo();
  QCOMPARE(model.classes(), QStringList({"abyssinian", "dalmatian", "beagle", "chihuahua"}));
  QCOMPARE(model.descriptions("beagle"), QStringList({"a small hound"}));
}

void ClassListModelTest::addingManyNamesIsOneUndoStep() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries(threePets());
  QStringList skipped;
  QCOMPARE(model.addClasses({"egyptian mau", "Beagle", "  ", "felis", "egyptian_mau"}, -1, &skipped), 2);
  QCOMPARE(skipped, QStringList({"Beagle", "  ", "egyptian_mau"}));
  QCOMPARE(model.classes(),
           QStringList({"abyssinian", "beagle", "chihuahua", "egyptian mau", "felis"}));
  QCOMPARE(undo.count(), 1);
  QCOMPARE(undo.undoText(), QString("Add 2 classes"));
  undo.undo();
  QCOMPARE(model.entries(), threePets());
}

void ClassListModelTest::removeUndoRestoresClassesAtTheirRowsWithDescriptions() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries(threePets());
  model.addClasses({"dalmatian"});
  const QVector<ClassEntry> before = model.entries();

  QVERIFY(model.removeClasses({3, 0}));
  QCOMPARE(model.classes(), QStringList({"beagle", "chihuahua"}));
  QCOMPARE(undo.undoText(), QString("Remove 2 classes"));
  undo.undo();
  QCOMPARE(model.entries(), before);
  undo.redo();
  QCOMPARE(model.classes(), QStringList({"beagle", "chihuahua"}));
  undo.undo();
  undo.undo();  // the add
  QCOMPARE(model.entries(), threePets());
}

void ClassListModelTest::renameKeepsDescriptionsAndUndoRestoresOldName() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries(threePets());
  QVERIFY(model.setData(model.index(0), "Abyssinian cat"));
  QCOMPARE(model.classes().first(), QString("Abyssinian cat"));
  QCOMPARE(model.descriptions("abyssinian cat"),
           QStringList({"a cat with a ticked coat", "a slender cat"}));
  QCOMPARE(undo.undoText(), QString("Rename class 'abyssinian' to 'Abyssinian cat'"));
  undo.undo();
  QCOMPARE(model.entries(), threePets());
  undo.redo();
  QCOMPARE(model.data(model.index(0)).toString(), QString("Abyssinian cat"));

  // Changing only the case of a name is a rename, not a duplicate of itself.
  QVERIFY(model.renameClass(1, "Beagle"));
  QCOMPARE(model.classes()[1], QString("Beagle"));
}

void ClassListModelTest::moveUndoRestoresOrder() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries(threePets());

  QVERIFY(model.moveClass(0, 2));
  QCOMPARE(model.classes(), QStringList({"beagle", "chihuahua", "abyssinian"}));
  QCOMPARE(model.descriptions("abyssinian").size(), 2);
  QCOMPARE(undo.undoText(), QString("Move class 'abyssinian'"));
  QVERIFY(model.moveClass(2, 0));
  QCOMPARE(model.classes(), QStringList({"abyssinian", "beagle", "chihuahua"}));
  undo.undo();
  QCOMPARE(model.classes(), QStringList({"beagle", "chihuahua", "abyssinian"}));
  undo.undo();
  QCOMPARE(model.entries(), threePets());
  undo.redo();
  QCOMPARE(model.classes(), QStringList({"beagle", "chihuahua", "abyssinian"}));

  // A move that changes nothing is not an undo step.
  const int steps = undo.count();
  QVERIFY(!model.moveClasses({1}, 2));
  QVERIFY(!model.moveClass(1, 1));
  QCOMPARE(undo.count(), steps);
}

void ClassListModelTest::dropThroughFilterProxyMovesAllDraggedRowsAsOneStep() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries({{"ant", {}}, {"bee", {}}, {"cat", {}}, {"dog", {}}, {"eel", {}}, {"fox", {}}});
  QSortFilterProxyModel proxy;
  proxy.setSourceModel(&model);

  // "eel" and "bee" dragged to the top land in list order, as one step.
  std::unique_ptr<QMimeData> data(proxy.mimeData({proxy.index(4, 0), proxy.index(1, 0)}));
  QVERIFY(data);
  QVERIFY(proxy.canDropMimeData(data.get(), Qt::MoveAction, 1, 0, {}));
  QVERIFY(!proxy.canDropMimeData(data.get(), Qt::CopyAction, 1, 0, {}));
  QVERIFY(proxy.dropMimeData(data.get(), Qt::MoveAction, 0, 0, {}));
  QCOMPARE(model.classes(), QStringList({"bee", "eel", "ant", "cat", "dog", "fox"}));
  QCOMPARE(undo.count(), 1);
  QCOMPARE(undo.undoText(), QString("Move 2 classes"));

  // Dropped past the last row: to the end.
  data.reset(proxy.mimeData({proxy.index(0, 0)}));
  QVERIFY(proxy.dropMimeData(data.get(), Qt::MoveAction, proxy.rowCount(), 0, {}));
  QCOMPARE(model.classes(), QStringList({"eel", "ant", "cat", "dog", "fox", "bee"}));

  // With a filter on, the drop row maps to the source row it shows.
  proxy.setFilterFixedString("o");  // dog, fox
  QCOMPARE(proxy.rowCount(), 2);
  data.reset(proxy.mimeData({proxy.index(1, 0)}));  // fox
  QVERIFY(proxy.dropMimeData(data.get(), Qt::MoveAction, 0, 0, {}));  // before dog
  QCOMPARE(model.classes(), QStringList({"eel", "ant", "cat", "fox", "dog", "bee"}));

  undo.undo();
  undo.undo();
  undo.undo();
  QCOMPARE(model.classes(), QStringList({"ant", "bee", "cat", "dog", "eel", "fox"}));
}

void ClassListModelTest::dropFromAnotherModelIsRefused() {
  QUndoStack undo;
  ClassListModel model(&undo);
  ClassListModel other(&undo);
  model.setEntries(threePets());
  other.setEntries(threePets());
  std::unique_ptr<QMimeData> data(other.mimeData({other.index(0)}));
  QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, 2, 0, {}));
  QVERIFY(!model.dropMimeData(data.get(), Qt::MoveAction, 2, 0, {}));
  QCOMPARE(model.entries(), threePets());
  QCOMPARE(undo.count(), 0);
}

void ClassListModelTest::selectionFollowsAMovedClass() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries(threePets());
  const QPersistentModelIndex beagle(model.index(1));
  model.moveClass(0, 2);
  QCOMPARE(beagle.row(), 0);
  QCOMPARE(beagle.data().toString(), QString("beagle"));
  undo.undo();
  QCOMPARE(beagle.row(), 1);
}

void ClassListModelTest::refusesEmptyAndDuplicateNames() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries(threePets());
  QSignalSpy errors(&model, &ClassListModel::error);

  QVERIFY(!model.setData(model.index(0), "   "));
  QVERIFY(!model.setData(model.index(0), "BEAGLE"));
  QVERIFY(!model.setData(model.index(0), " Chihuahua "));
  QCOMPARE(model.addClasses({"Beagle"}), 0);
  QCOMPARE(model.addClasses({""}), 0);
  QCOMPARE(errors.count(), 5);
  QCOMPARE(errors.at(1).at(0).toString(), QString("There is already a class named 'beagle'."));
  QCOMPARE(errors.at(0).at(0).toString(), QString("A class needs a name."));
  QCOMPARE(model.entries(), threePets());
  QCOMPARE(undo.count(), 0);
}

void ClassListModelTest::setDataTrimsNames() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries(threePets());
  QVERIFY(model.setData(model.index(2), "  toy   poodle \t"));
  QCOMPARE(model.classes()[2], QString("toy poodle"));
  // Setting the name it already has records nothing.
  QVERIFY(model.setData(model.index(2), "toy poodle "));
  QCOMPARE(undo.count(), 1);
}

void ClassListModelTest::descriptionsAreUndoableAndRolesCountThem() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries(threePets());
  QCOMPARE(model.data(model.index(0), ClassListModel::DescriptionCountRole).toInt(), 2);
  QCOMPARE(model.data(model.index(2), ClassListModel::DescriptionCountRole).toInt(), 0);
  QCOMPARE(model.classesWithoutDescriptions(), 1);

  // Trimmed, blank ones dropped, the inside as written: the core's rule for descriptions.
  QVERIFY(model.editDescriptions(2, {"a tiny dog", "", "  with big ears  ", "a lap\u00a0 dog"}));
  QCOMPARE(model.descriptions("chihuahua"), QStringList({"a tiny dog", "with big ears", "a lap\u00a0 dog"}));
  QCOMPARE(model.data(model.index(2), ClassListModel::DescriptionCountRole).toInt(), 3);
  QCOMPARE(model.data(model.index(2), ClassListModel::DescriptionsRole).toStringList(),
           QStringList({"a tiny dog", "with big ears", "a lap\u00a0 dog"}));
  QCOMPARE(model.data(model.index(2), Qt::ToolTipRole).toString(),
           QString("chihuahua: 3 descriptions"));
  QCOMPARE(model.data(model.index(1), Qt::ToolTipRole).toString(), QString("beagle: 1 description"));
  QCOMPARE(model.classesWithoutDescriptions(), 0);
  QCOMPARE(undo.undoText(), QString("Edit descriptions of 'chihuahua'"));

  undo.undo();
  QCOMPARE(model.entries(), threePets());
  QVERIFY(model.data(model.index(2), Qt::ToolTipRole).toString().contains("no descriptions"));
}

void ClassListModelTest::warningIconOnlyForClassesWithoutDescriptions() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries(threePets());
  QVERIFY(model.data(model.index(0), Qt::DecorationRole).isNull());
  QVERIFY(model.data(model.index(1), Qt::DecorationRole).isNull());
  const QVariant warning = model.data(model.index(2), Qt::DecorationRole);
  QVERIFY(warning.canConvert<QIcon>());
  QVERIFY(!warning.value<QIcon>().isNull());
}

void ClassListModelTest::classesChangedAfterEveryChange() {
  QUndoStack undo;
  ClassListModel model(&undo);
  QSignalSpy changed(&model, &ClassListModel::classesChanged);
  model.setEntries(threePets());
  model.addClasses({"dalmatian"});
  model.renameClass(3, "dalmatian dog");
  model.moveClass(3, 0);
  model.editDescriptions(0, {"spotted"});
  model.removeClasses({0});
  QCOMPARE(changed.count(), 6);
  undo.undo();
  undo.undo();
  QCOMPARE(changed.count(), 8);
  model.addClasses({"beagle"});  // refused: no change, no signal
  QCOMPARE(changed.count(), 8);
}

void ClassListModelTest::replaceAllIsOneUndoStepAndLoadForgetsHistory() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries(threePets());
  const QVector<ClassEntry> cars{{"sedan", {"four doors"}}, {"coupe", {}}};
  model.replaceAll(cars, "Import classes from 'cars.txt'");
  QCOMPARE(model.entries(), cars);
  QCOMPARE(undo.undoText(), QString("Import classes from 'cars.txt'"));
  undo.undo();
  QCOMPARE(model.entries(), threePets());

  model.load(cars);
  QCOMPARE(model.entries(), cars);
  QCOMPARE(undo.count(), 0);
}

void ClassListModelTest::descriptionsLookedUpIgnoringCaseAndUnderscores() {
  QUndoStack undo;
  ClassListModel model(&undo);
  model.setEntries({{"Wheaten terrier", {"a soft coat"}}, {"sphynx", {}}});
  QCOMPARE(model.descriptions("wheaten_terrier"), QStringList({"a soft coat"}));
  QCOMPARE(model.rowOf("SPHYNX"), 1);
  QCOMPARE(model.rowOf("sphinx"), -1);
  QCOMPARE(ClassFiles::matchKey("  Great_Pyrenees "), QString("great pyrenees"));
  // "great_pyrenees" and "Great Pyrenees" would get the same descriptions: one class.
  QCOMPARE(model.addClasses({"wheaten_Terrier"}), 0);
}

void ClassListModelTest::readsTextListSkippingBlanksCommentsAndDuplicates() {
  QTemporaryDir dir;
  const QString path = write_file(dir.filePath("pets.txt"),
                                 "\xEF\xBB\xBF# pets\r\nabyssinian\r\n\r\n  beagle  \n"
                                 "# a comment\nAbyssinian\n\n\xE5\xA4\xA7\xE7\x8C\xAB\n");
  const auto file = ClassFiles::readClassList(path);
  QVERIFY2(file.ok(), qPrintable(file.error));
  QCOMPARE(file.names(), QStringList({"abyssinian", "beagle", QString::fromUtf8("\u5927\u732B")}));
  QCOMPARE(file.warnings, QStringList({path + ": repeated classes kept once, where each first appears: "
                                               "'Abyssinian' (line 6) = 'abyssinian' (line 2)"}));
  QVERIFY(!file.hasDescriptions);
}

void ClassListModelTest::readsJsonArrayAndCuplObjectInFileOrder() {
  QTemporaryDir dir;
  auto file = ClassFiles::readClassList(write_file(dir.filePath("list.json"), "[\"zebra\", \"ant\", \" mole \"]"));
  QVERIFY2(file.ok(), qPrintable(file.error));
  QCOMPARE(file.names(), QStringList({"zebra", "ant", "mole"}));

  // Keys keep the file's order (not sorted), values come along as descriptions.
  file = ClassFiles::readClassList(write_file(dir.filePath("cupl.json"),
      "{\"zebra\": [\"striped\", \"a horse {with} stripes\"], \"ant\": [], "
      "\"great_pyrenees\": [\"big \\\"white\\\" dog\"]}"));
  QVERIFY2(file.ok(), qPrintable(file.error));
  QCOMPARE(file.names(), QStringList({"zebra", "ant", "great_pyrenees"}));
  QVERIFY(file.hasDescriptions);
  QCOMPARE(file.entries[0].descriptions, QStringList({"striped", "a horse {with} stripes"}));
  QCOMPARE(file.entries[2].descriptions, QStringList({"big \"white\" dog"}));
}

void ClassListModelTest::cuplWithWrongTypesIsRefusedWithTheKey() {
  QTemporaryDir dir;
  QString path = write_file(dir.filePath("bad.json"), "{\"cat\": \"furry\"}");
  auto file = ClassFiles::readDescriptions(path);
  QVERIFY(!file.ok());
  QCOMPARE(file.error, path + ": class 'cat': expected a list of descriptions, got a JSON string");
  QVERIFY(file.entries.isEmpty());

  path = write_file(dir.filePath("bad2.json"), "{\"cat\": [\"furry\", 3]}");
  file = ClassFiles::readDescriptions(path);
  QCOMPARE(file.error, path + ": class 'cat', description 2 is a JSON number, not a string");

  path = write_file(dir.filePath("array.json"), "[\"cat\"]");
  file = ClassFiles::readDescriptions(path);
  QCOMPARE(file.error,
           path + ": expected a CuPL JSON object {\"class\": [\"description\", ...]}, got a JSON array");

  path = write_file(dir.filePath("mixed.json"), "[\"cat\", null]");
  file = ClassFiles::readClassList(path);
  QCOMPARE(file.error, path + ": item 2 is a JSON null, not a class name");
}

void ClassListModelTest::malformedJsonErrorNamesFileAndPosition() {
  QTemporaryDir dir;
  const auto file =
      ClassFiles::readDescriptions(write_file(dir.filePath("broken.json"), "{\n  \"cat\": [\"furry\",]\n}"));
  QVERIFY(!file.ok());
  QVERIFY2(file.error.startsWith(dir.filePath("broken.json") + ": not valid JSON: parse error at line 2, column "),
           qPrintable(file.error));
}

void ClassListModelTest::emptyOrMissingFilesGiveMessages() {
  QTemporaryDir dir;
  auto file = ClassFiles::readClassList(write_file(dir.filePath("empty.txt"), "\n# nothing\n  \n"));
  QCOMPARE(file.error, dir.filePath("empty.txt") + ": no class names");
  file = ClassFiles::readClassList(write_file(dir.filePath("empty.json"), "[]"));
  QCOMPARE(file.error, dir.filePath("empty.json") + ": no class names");
  file = ClassFiles::readClassList(dir.filePath("missing.txt"));
  QCOMPARE(file.error, dir.filePath("missing.txt") + ": cannot open (No such file or directory)");
  file = ClassFiles::readClassList(dir.path());
  QCOMPARE(file.error, dir.path() + ": is a folder, not a file");
  file = ClassFiles::readClassList(write_file(dir.filePath("latin1.txt"), "caf\xE9\n"));
  QCOMPARE(file.error, dir.filePath("latin1.txt") + ": not UTF-8 text: invalid byte 0xE9 at offset 3");
  const QString error = ClassFiles::writeClassList(dir.filePath("no/such/dir/x.txt"), {"cat"});
  QVERIFY2(error.startsWith(dir.filePath("no/such/dir/x.txt") + ": "), qPrintable(error));
}

void ClassListModelTest::cuplWriteThenReadRoundTrips() {
  QTemporaryDir dir;
  const QVector<ClassEntry> entries{{"zebra", {"striped \"zebra\"", "caf\u00e9 \\ back"}},
                                    {"ant", {}},
                                    {"mole", {"digs"}}};
  const QString path = dir.filePath("out.json");
  QCOMPARE(ClassFiles::writeDescriptions(path, entries), QString());
  const auto file = ClassFiles::readDescriptions(path);
  QVERIFY2(file.ok(), qPrintable(file.error));
  QCOMPARE(file.entries, entries);

  QCOMPARE(ClassFiles::writeClassList(dir.filePath("out.txt"), {"zebra", "ant"}), QString());
  QFile text(dir.filePath("out.txt"));
  QVERIFY(text.open(QIODevice::ReadOnly));
  QCOMPARE(text.readAll(), QByteArray("zebra\nant\n"));
}

PROTEXT_TEST_SUITE(ClassListModelTest)
#include "class_list_model_test.moc"
