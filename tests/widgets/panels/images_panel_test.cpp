#include <QAction>
#include <QComboBox>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDropEvent>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "support/suite.h"
#include "widgets/models/ImageFilterModel.h"
#include "widgets/models/ImageListModel.h"
#include "widgets/panels/ImagesPanel.h"

using protext::ClassifierSet;
using protext::ImageListModel;
using protext::ImagesPanel;

namespace {

QString writeImage(const QString& path, QSize size = QSize(40, 30)) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QImage image(size, QImage::Format_RGB32);
  image.fill(QColor(200, 120, 30));
  image.save(path);
  return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// Unit rows at cosine 1, 0.99 and 0.98 from the embedding (1, 0, 0), so with logit scale
// 100 the logits are 100, 99, 98 and the probabilities e^0, e^-1, e^-2 over their sum:
// 1 / 1.503214724 = 0.665241, 0.367879 / 1.503214724 = 0.244728, 0.135335 / 1.503214724 =
// 0.090031.
const float kS99 = float(std::sqrt(1.0 - 0.99 * 0.99));
const float kS98 = float(std::sqrt(1.0 - 0.98 * 0.98));
const QVector<float> kCos1{1.0f, 0.0f, 0.0f};
const QVector<float> kCos99{0.99f, kS99, 0.0f};
const QVector<float> kCos98{0.98f, 0.0f, kS98};
const QVector<double> kExpected{0.665241, 0.244728, 0.090031};
const QVector<float> kEmbedding{1.0f, 0.0f, 0.0f};

ClassifierSet threeClasses(const QStringList& classes, const QVector<QVector<float>>& templateRows,
                           const QVector<QVector<float>>& ensembleRows) {
  ClassifierSet set;
  set.classes = classes;
  set.methods = {"template", "ensemble"};
  set.dim = 3;
  set.logitMultiplier = 100.0;
  for (const auto& row : templateRows) set.weights["template"] += row;
  for (const auto& row : ensembleRows) set.weights["ensemble"] += row;
  return set;
}

// Template ranks river kett > old tam > marra; Ensemble old tam > marra > river kett.
ClassifierSet knownSet() {
  return threeClasses({"river kett", "old tam", "marra"}, {kCos1, kCos99, kCos98}, {kCos98, kCos1, kCos99});
}

void compareProbabilities(const QVector<double>& actual, const QVector<double>& expected) {
  QCOMPARE(actual.size(), expected.size());
  for (int i = 0; i < actual.size(); ++i)
    QVERIFY2(std::abs(actual[i] - expected[i]) < 1e-4,
             qPrintable(QStringLiteral("probability %1: %2, expected %3").arg(i).arg(actual[i]).arg(expected[i])));
}

}  // namespace

class ImagesPanelTest : public QObject {
  Q_OBJECT
 private slots:
  void chartsShowSoftmaxOfScaledCosinesWithTheTrueClass();
  void eachImageGetsTheMethodsVerdictAndTheStripFiltersAndSortsByIt();
  void changingTheClassifierSetRedrawsTheSelectedImageAtOnce();
  void selectingAnotherImageShowsItsPredictions();
  void topKBoxLimitsTheBarsShown();
  void pendingAndFailedImagesShowNoCharts();
  void newlyAddedImagesSelectTheFirstOfThem();
  void droppedNonImagesAreRejectedByName();
  void aRealDropEventAddsImagesAndFolders();
  void pastedImageDataIsSavedAsPng();
  void removeSelectsTheNextImageAndClearEmptiesTheStrip();
  void actionsHaveShortcutsAndTooltips();
  void aDrillDownAddsItsImagesAndShowsThemAlone();
};

void ImagesPanelTest::chartsShowSoftmaxOfScaledCosinesWithTheTrueClass() {
  QTemporaryDir dir;
  const QString image = writeImage(dir.filePath("river_kett/one.png"));
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  QSignalSpy encode(&panel, &ImagesPanel::encodeRequested);
  QCOMPARE(panel.addPaths({image}), 1);
  QCOMPARE(encode.count(), 1);
  QCOMPARE(encode.at(0).at(0).toStringList(), QStringList{image});
  panel.setClassifiers(knownSet());
  QCOMPARE(panel.comparisonView()->methodCount(), 0);  // not encoded yet
  panel.onImageEncoded(image, kEmbedding);

  auto* view = panel.comparisonView();
  QCOMPARE(view->methodCount(), 2);
  QCOMPARE(view->trueClass(), QStringLiteral("river kett"));
  QCOMPARE(view->topLabel(0), QStringLiteral("river kett"));
  QCOMPARE(view->topLabel(1), QStringLiteral("old tam"));
  compareProbabilities(view->shownProbabilities(0), kExpected);
  compareProbabilities(view->shownProbabilities(1), kExpected);
  QVERIFY(view->isCorrect(0));
  QVERIFY(!view->isCorrect(1));

  const auto predictions = panel.currentPredictions();
  QCOMPARE(predictions.size(), 2);
  QCOMPARE(predictions[1].labels, (QStringList{"old tam", "marra", "river kett"}));
  compareProbabilities(predictions[1].probabilities, kExpected);
}

void ImagesPanelTest::changingTheClassifierSetRedrawsTheSelectedImageAtOnce() {
  QTemporaryDir dir;
  const QString image = writeImage(dir.filePath("river_kett/one.png"));
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  panel.addPaths({image});
  panel.onImageEncoded(image, kEmbedding);
  panel.setClassifiers(knownSet());
  QCOMPARE(panel.comparisonView()->topLabel(0), QStringLiteral("river kett"));

  // The same classes with the template rows rotated: marra is now nearest.
  panel.setClassifiers(threeClasses({"river kett", "old tam", "marra"}, {kCos99, kCos98, kCos1}, {kCos98, kCos1, kCos99}));
  QCOMPARE(panel.comparisonView()->topLabel(0), QStringLiteral("marra"));
  QCOMPARE(panel.currentPredictions()[0].labels, (QStringList{"marra", "river kett", "old tam"}));
  QVERIFY(!panel.comparisonView()->isCorrect(0));

  // A class list without the folder's class: no true class any more, and the image knows it.
  panel.setClassifiers(threeClasses({"wug", "dax", "marra"}, {kCos98, kCos99, kCos1}, {kCos1, kCos99, kCos98}));
  QCOMPARE(panel.comparisonView()->trueClass(), QString());
  QCOMPARE(panel.imageModel()->image(0).trueClass, QString());
  QCOMPARE(panel.comparisonView()->topLabel(1), QStringLiteral("wug"));
  compareProbabilities(panel.comparisonView()->shownProbabilities(1), kExpected);
}

void ImagesPanelTest::selectingAnotherImageShowsItsPredictions() {
  QTemporaryDir dir;
  const QString kett = writeImage(dir.filePath("river_kett/one.png"));
  const QString marra = writeImage(dir.filePath("marra/two.png"));
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  panel.addPaths({kett, marra});
  panel.setClassifiers(knownSet());
  panel.onImageEncoded(kett, kEmbedding);
  // Template's marra row and Ensemble's river kett row are this embedding itself.
  panel.onImageEncoded(marra, kCos98);
  QCOMPARE(panel.currentPath(), kett);
  QVERIFY(panel.selectPath(marra));
  QCOMPARE(panel.currentPath(), marra);
  QCOMPARE(panel.comparisonView()->trueClass(), QStringLiteral("marra"));
  QCOMPARE(panel.comparisonView()->topLabel(0), QStringLiteral("marra"));
  QCOMPARE(panel.comparisonView()->topLabel(1), QStringLiteral("river kett"));
  QVERIFY(!panel.selectPath(dir.filePath("nowhere.png")));
}

void ImagesPanelTest::topKBoxLimitsTheBarsShown() {
  QTemporaryDir dir;
  const QString image = writeImage(dir.filePath("river_kett/one.png"));
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  QCOMPARE(panel.topKBox()->value(), 5);
  QCOMPARE(panel.topKBox()->minimum(), 1);
  QCOMPARE(panel.topKBox()->maximum(), 10);
  panel.addPaths({image});
  panel.setClassifiers(knownSet());
  panel.onImageEncoded(image, kEmbedding);
  QCOMPARE(panel.comparisonView()->shownProbabilities(0).size(), 3);  // only 3 classes exist

  panel.topKBox()->setValue(2);
  QCOMPARE(panel.comparisonView()->shownProbabilities(0).size(), 2);
  QCOMPARE(panel.currentPredictions()[0].labels, (QStringList{"river kett", "old tam"}));
  compareProbabilities(panel.comparisonView()->shownProbabilities(0), {kExpected[0], kExpected[1]});
  panel.setTopK(1);
  QCOMPARE(panel.topKBox()->value(), 1);
  QCOMPARE(panel.comparisonView()->shownProbabilities(1).size(), 1);
}

void ImagesPanelTest::pendingAndFailedImagesShowNoCharts() {
  QTemporaryDir dir;
  const QString image = writeImage(dir.filePath("river_kett/one.png"));
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  panel.addPaths({image});
  panel.setClassifiers(knownSet());
  QCOMPARE(panel.comparisonView()->methodCount(), 0);
  QVERIFY(panel.statusLabel()->text().contains("one.png"));

  panel.onImageFailed(image, QStringLiteral("truncated JPEG data"));
  QCOMPARE(panel.imageModel()->image(0).state, ImageListModel::State::Failed);
  QCOMPARE(panel.comparisonView()->methodCount(), 0);
  QVERIFY(panel.currentPredictions().isEmpty());
  QVERIFY(panel.statusLabel()->text().contains("truncated JPEG data"));

  // An embedding of another size (another model) is not multiplied with these rows.
  panel.onImageEncoded(image, {1.0f, 0.0f});
  QCOMPARE(panel.comparisonView()->methodCount(), 0);
  panel.onImageEncoded(image, kEmbedding);
  QCOMPARE(panel.comparisonView()->methodCount(), 2);
}

void ImagesPanelTest::newlyAddedImagesSelectTheFirstOfThem() {
  QTemporaryDir dir;
  writeImage(dir.filePath("first/a1.png"));
  writeImage(dir.filePath("first/a2.png"));
  const QString b1 = writeImage(dir.filePath("second/b1.png"));
  writeImage(dir.filePath("second/b2.png"));
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  QSignalSpy current(&panel, &ImagesPanel::currentPathChanged);
  QCOMPARE(panel.addPaths({dir.filePath("first")}), 2);
  QCOMPARE(panel.currentPath(), QDir::cleanPath(dir.filePath("first/a1.png")));
  QCOMPARE(panel.addPaths({dir.filePath("second")}), 2);
  QCOMPARE(panel.currentPath(), b1);
  QCOMPARE(panel.stripView()->selectionModel()->selectedIndexes().size(), 1);
  QCOMPARE(current.last().at(0).toString(), b1);
  // Nothing new: the selection stays.
  QCOMPARE(panel.addPaths({dir.filePath("first")}), 0);
  QCOMPARE(panel.currentPath(), b1);
}

void ImagesPanelTest::droppedNonImagesAreRejectedByName() {
  QTemporaryDir dir;
  const QString image = writeImage(dir.filePath("cat.png"));
  QFile text(dir.filePath("notes.txt"));
  QVERIFY(text.open(QIODevice::WriteOnly));
  text.close();
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  QSignalSpy errors(&panel, &ImagesPanel::errorShown);
  const int added = panel.dropUrls({QUrl::fromLocalFile(image), QUrl::fromLocalFile(dir.filePath("notes.txt")),
                                    QUrl(QStringLiteral("https://example.com/dog.jpg"))});
  QCOMPARE(added, 1);
  QCOMPARE(panel.paths(), QStringList{image});
  QCOMPARE(errors.count(), 1);
  const QString message = errors.first().at(0).toString();
  QVERIFY2(message.contains("notes.txt") && message.contains("https://example.com/dog.jpg"), qPrintable(message));
  QVERIFY2(!message.contains("cat.png"), qPrintable(message));

  panel.dropUrls({QUrl::fromLocalFile(image)});  // a duplicate is no error
  QCOMPARE(errors.count(), 1);
  QCOMPARE(panel.paths().size(), 1);
}

void ImagesPanelTest::aRealDropEventAddsImagesAndFolders() {
  QTemporaryDir dir;
  writeImage(dir.filePath("set/a.png"));
  writeImage(dir.filePath("set/sub/b.jpg"));
  const QString single = writeImage(dir.filePath("c.bmp"));
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  auto mime = std::make_unique<QMimeData>();
  mime->setUrls({QUrl::fromLocalFile(dir.filePath("set")), QUrl::fromLocalFile(single)});

  QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&panel, &enter);
  QVERIFY(enter.isAccepted());
  QDropEvent drop(QPointF(10, 10), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&panel, &drop);
  QVERIFY(drop.isAccepted());
  QCOMPARE(panel.imageModel()->rowCount(), 3);

  auto text = std::make_unique<QMimeData>();
  text->setText(QStringLiteral("just words"));
  QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, text.get(), Qt::LeftButton, Qt::NoModifier);
  refused.setAccepted(false);
  QApplication::sendEvent(&panel, &refused);
  QVERIFY(!refused.isAccepted());
}

void ImagesPanelTest::pastedImageDataIsSavedAsPng() {
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  QImage image(32, 24, QImage::Format_RGB32);
  image.fill(Qt::red);
  auto* mime = new QMimeData;
  mime->setImageData(image);
  QApplication::clipboard()->setMimeData(mime);  // the clipboard owns it
  panel.pasteAction()->trigger();
  QCOMPARE(panel.paths().size(), 1);
  const QString path = panel.paths().front();
  QVERIFY2(path.endsWith(".png"), qPrintable(path));
  QCOMPARE(QImage(path).size(), QSize(32, 24));
  QCOMPARE(QImage(path).pixelColor(5, 5), QColor(Qt::red));
  QCOMPARE(panel.currentPath(), path);

  // Pasting again makes a second file rather than overwriting the first.
  panel.pasteFromClipboard();
  QCOMPARE(panel.paths().size(), 2);
  QVERIFY(panel.paths()[0] != panel.paths()[1]);

  QSignalSpy errors(&panel, &ImagesPanel::errorShown);
  auto* nothing = new QMimeData;
  nothing->setText(QStringLiteral("a sentence, not a path"));
  QApplication::clipboard()->setMimeData(nothing);
  panel.pasteFromClipboard();
  QCOMPARE(errors.count(), 1);
  QCOMPARE(panel.paths().size(), 2);
}

void ImagesPanelTest::removeSelectsTheNextImageAndClearEmptiesTheStrip() {
  QTemporaryDir dir;
  const QString a = writeImage(dir.filePath("a.png"));
  const QString b = writeImage(dir.filePath("b.png"));
  const QString c = writeImage(dir.filePath("c.png"));
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  panel.addPaths({a, b, c});
  QVERIFY(panel.selectPath(b));
  panel.removeAction()->trigger();
  QCOMPARE(panel.paths(), (QStringList{a, c}));
  QCOMPARE(panel.currentPath(), c);
  QVERIFY(panel.clearAction()->isEnabled());
  panel.clearAction()->trigger();
  QCOMPARE(panel.imageModel()->rowCount(), 0);
  QCOMPARE(panel.currentPath(), QString());
  QVERIFY(!panel.removeAction()->isEnabled());
  QVERIFY(!panel.clearAction()->isEnabled());
  QCOMPARE(panel.comparisonView()->methodCount(), 0);
}

void ImagesPanelTest::actionsHaveShortcutsAndTooltips() {
  ImagesPanel panel(nullptr);
  QCOMPARE(panel.addImagesAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
  QCOMPARE(panel.addFolderAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
  QCOMPARE(panel.pasteAction()->shortcut(), QKeySequence(QKeySequence::Paste));
  QCOMPARE(panel.panelActions().mid(0, 2), (QList<QAction*>{panel.addImagesAction(), panel.addFolderAction()}));
  for (QAction* action : panel.panelActions()) {
    QVERIFY2(!action->toolTip().isEmpty(), qPrintable(action->text()));
    QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
  }
  const auto strip = panel.stripView();
  QCOMPARE(strip->viewMode(), QListView::IconMode);
  QCOMPARE(strip->flow(), QListView::LeftToRight);
  QVERIFY(!strip->isWrapping());
  QVERIFY(strip->height() >= 120 && strip->height() <= 170);
}

void ImagesPanelTest::eachImageGetsTheMethodsVerdictAndTheStripFiltersAndSortsByIt() {
  // Method A reads axis k as class k; method B swaps b and c. Scaled embeddings make the
  // logits 100·scale: top-1 probabilities e^5/(e^5+2), e^2/(e^2+2), e^1/(e^1+2).
  ClassifierSet set;
  set.classes = {"a", "b", "c"};
  set.methods = {"template", "ensemble"};
  set.dim = 3;
  set.logitMultiplier = 100.0;
  set.weights["template"] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  set.weights["ensemble"] = {1, 0, 0, 0, 0, 1, 0, 1, 0};
  QTemporaryDir dir;
  const QString right = writeImage(dir.filePath("a/right.png"));      // both say a
  const QString split = writeImage(dir.filePath("b/split.png"));      // A says b, B says c
  const QString wrong = writeImage(dir.filePath("c/wrong.png"));      // both say a
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  panel.addPaths({right, split, wrong});
  panel.setClassifiers(set);
  panel.onImageEncoded(right, {0.05f, 0, 0});
  panel.onImageEncoded(split, {0, 0.02f, 0});
  panel.onImageEncoded(wrong, {0.01f, 0, 0});
  QVERIFY(panel.verdictsCurrent());

  ImageListModel* images = panel.imageModel();
  const auto kind = [&](const QString& path) {
    return images->index(images->indexOf(path)).data(ImageListModel::VerdictRole).toInt();
  };
  QCOMPARE(kind(right), int(protext::ImageVerdict::AllRight));
  QCOMPARE(kind(split), int(protext::ImageVerdict::SomeWrong));
  QCOMPARE(kind(wrong), int(protext::ImageVerdict::AllWrong));
  QVERIFY(images->index(images->indexOf(split)).data(ImageListModel::DisagreeRole).toBool());
  QVERIFY(!images->index(images->indexOf(wrong)).data(ImageListModel::DisagreeRole).toBool());
  const double confidence = images->index(images->indexOf(split)).data(ImageListModel::ConfidenceRole).toDouble();
  QVERIFY(std::abs(confidence - std::exp(2.0) / (std::exp(2.0) + 2)) < 1e-6);

  const auto shown = [&] {
    QStringList names;
    for (int row = 0; row < panel.stripView()->model()->rowCount(); ++row)
      names << panel.stripView()->model()->index(row, 0).data().toString();
    return names;
  };
  QComboBox* filter = panel.filterBox();
  QCOMPARE(shown(), (QStringList{"right.png", "split.png", "wrong.png"}));
  filter->setCurrentIndex(filter->findData("wrong"));
  QCOMPARE(shown(), (QStringList{"split.png", "wrong.png"}));
  QVERIFY2(panel.findChild<QLabel*>("imageCountLabel")->text().contains("2 of 3 images shown"),
           qPrintable(panel.findChild<QLabel*>("imageCountLabel")->text()));
  filter->setCurrentIndex(filter->findData("allwrong"));
  QCOMPARE(shown(), QStringList{"wrong.png"});
  filter->setCurrentIndex(filter->findData("disagreeing"));
  QCOMPARE(shown(), QStringList{"split.png"});
  filter->setCurrentIndex(filter->findData("class:b"));
  QCOMPARE(shown(), QStringList{"split.png"});
  filter->setCurrentIndex(filter->findData("wrongby:template"));
  QCOMPARE(shown(), QStringList{"wrong.png"});
  QCOMPARE(filter->currentText(), QStringLiteral("Wrong by Template"));
  filter->setCurrentIndex(filter->findData("wrongby:ensemble"));
  QCOMPARE(shown(), (QStringList{"split.png", "wrong.png"}));

  // Selecting an image the filter hides shows every image again.
  QVERIFY(panel.selectPath(right));
  QCOMPARE(filter->currentIndex(), 0);
  QCOMPARE(panel.currentPath(), right);

  panel.orderBox()->setCurrentIndex(1);  // least confident first
  QCOMPARE(shown(), (QStringList{"wrong.png", "split.png", "right.png"}));
  panel.orderBox()->setCurrentIndex(2);
  QCOMPARE(shown(), (QStringList{"right.png", "split.png", "wrong.png"}));
  panel.orderBox()->setCurrentIndex(0);

  // New classifiers: the verdicts are judged again, a slice at a time, not in one stall.
  set.weights["ensemble"] = set.weights["template"];
  panel.setClassifiers(set);
  QVERIFY(!panel.verdictsCurrent());
  QTRY_VERIFY(panel.verdictsCurrent());
  QCOMPARE(kind(split), int(protext::ImageVerdict::AllRight));
  // The selection follows the image, not its row in the strip.
  QCOMPARE(panel.currentPath(), right);
  QCOMPARE(panel.comparisonView()->trueClass(), QStringLiteral("a"));
}

PROTEXT_TEST_SUITE(ImagesPanelTest)
#include "images_panel_test.moc"

void ImagesPanelTest::aDrillDownAddsItsImagesAndShowsThemAlone() {
  QTemporaryDir dir;
  const QString first = writeImage(dir.filePath("a/first.png"));
  const QString second = writeImage(dir.filePath("b/second.png"));
  const QString third = writeImage(dir.filePath("b/third.png"));
  ImagesPanel panel(nullptr);
  panel.setInteractive(false);
  QSignalSpy encode(&panel, &ImagesPanel::encodeRequested);
  panel.addPaths({first});
  panel.showDrillDown({QStringLiteral("Template: b → a"), {second, third}});
  // The images not in the strip yet are added and sent to be encoded.
  QCOMPARE(panel.paths(), (QStringList{first, second, third}));
  QCOMPARE(encode.last().at(0).toStringList(), (QStringList{second, third}));
  QStringList names;
  for (int row = 0; row < panel.stripView()->model()->rowCount(); ++row)
    names << panel.stripView()->model()->index(row, 0).data().toString();
  QCOMPARE(names, (QStringList{"second.png", "third.png"}));
  QCOMPARE(panel.filterBox()->currentText(), QStringLiteral("Evaluation: Template: b → a (2 images)"));
  QCOMPARE(panel.currentPath(), second);
  // A drill-down without images says so and changes nothing.
  QSignalSpy status(&panel, &ImagesPanel::statusMessage);
  panel.showDrillDown({QStringLiteral("Right by Template only"), {}});
  QVERIFY(status.last().at(0).toString().contains(QStringLiteral("No images")));
  QCOMPARE(panel.stripView()->model()->rowCount(), 2);
}
