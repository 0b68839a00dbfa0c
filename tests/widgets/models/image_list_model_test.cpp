#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPixmap>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "support/suite.h"
#include "widgets/models/ImageListModel.h"

using protext::ImageListModel;

namespace {

QString writeImage(const QString& path, QSize size = QSize(40, 30), const char* format = nullptr) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QImage image(size, QImage::Format_RGB32);
  image.fill(QColor(30, 120, 200));
  if (!image.save(path, format)) qWarning("could not write %s", qPrintable(path));
  return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QString writeText(const QString& path) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  if (file.open(QIODevice::WriteOnly)) file.write("not an image\n");
  return path;
}

// A BMP header announcing width × height pixels with no pixel data behind it: enough for
// QImageReader::size(), cheap to write however large it claims to be.
QString writeBmpHeader(const QString& path, qint32 width, qint32 height) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  QDataStream out(&file);
  out.setByteOrder(QDataStream::LittleEndian);
  const quint32 pixelBytes = quint32(width) * 3u;  // a lie; nobody reads that far
  out.writeRawData("BM", 2);
  out << quint32(54 + pixelBytes) << quint16(0) << quint16(0) << quint32(54);
  out << quint32(40) << width << height << quint16(1) << quint16(24) << quint32(0) << pixelBytes << qint32(2835)
      << qint32(2835) << quint32(0) << quint32(0);
  return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

}  // namespace

class ImageListModelTest : public QObject {
  Q_OBJECT
 private slots:
  void foldersExpandRecursivelyToTheirImagesInNaturalOrder();
  void imageSuffixesAreMatchedWithoutRegardToCase();
  void nonImagesMissingPathsAndEmptyFoldersAreRejected();
  void addingTheSamePathTwiceIsANoOp();
  void trueClassIsTheParentFolderWhenItNamesAClass();
  void setClassesRecomputesTrueClasses();
  void imagesOverOneHundredMegapixelsAreRefusedWithAMessage();
  void unreadableImagesAreAddedAsFailed();
  void thumbnailsAreScaledToNinetySixPixelsInTheBackground();
  void embeddingsAndFailuresUpdateTheRowState();
  void removingRowsKeepsPathLookupsRight();
  void resetEncodingsReturnsUsableImagesToPending();
};

void ImageListModelTest::foldersExpandRecursivelyToTheirImagesInNaturalOrder() {
  QTemporaryDir dir;
  const QString root = dir.filePath("set");
  const QString a = writeImage(root + "/img10.png");
  const QString b = writeImage(root + "/img2.png");
  const QString c = writeImage(root + "/sub/deeper/z.bmp");
  writeText(root + "/notes.txt");
  writeText(root + "/sub/readme.md");

  ImageListModel model;
  QStringList added;
  const QStringList rejected = model.addPaths({root}, &added);
  QVERIFY(rejected.isEmpty());  // files inside a folder are picked, not reported
  QCOMPARE(model.rowCount(), 3);
  QCOMPARE(added, (QStringList{b, a, c}));
  QCOMPARE(model.paths(), added);
  QCOMPARE(model.data(model.index(0), Qt::DisplayRole).toString(), QStringLiteral("img2.png"));
  QCOMPARE(model.data(model.index(2), ImageListModel::PathRole).toString(), c);
}

void ImageListModelTest::imageSuffixesAreMatchedWithoutRegardToCase() {
  for (const char* name : {"a.png", "b.JPG", "c.jpeg", "d.Bmp", "e.webp", "f.TIF", "g.tiff"})
    QVERIFY2(ImageListModel::isImageFile(QString::fromLatin1(name)), name);
  for (const char* name : {"a.txt", "b.gif", "c.svg", "png", "d.png.txt"})
    QVERIFY2(!ImageListModel::isImageFile(QString::fromLatin1(name)), name);
}

void ImageListModelTest::nonImagesMissingPathsAndEmptyFoldersAreRejected() {
  QTemporaryDir dir;
  const QString text = writeText(dir.filePath("notes.txt"));
  const QString missing = dir.filePath("gone.png");
  const QString empty = dir.filePath("empty");
  QDir().mkpath(empty);
  writeText(dir.filePath("textonly/a.txt"));
  const QString textOnly = dir.filePath("textonly");
  const QString image = writeImage(dir.filePath("cat.png"));

  ImageListModel model;
  QStringList added;
  const QStringList rejected = model.addPaths({text, missing, empty, image, textOnly}, &added);
  QCOMPARE(rejected, (QStringList{text, missing, empty, textOnly}));
  QCOMPARE(added, QStringList{image});
  QCOMPARE(model.rowCount(), 1);
}

void ImageListModelTest::addingTheSamePathTwiceIsANoOp() {
  QTemporaryDir dir;
  const QString image = writeImage(dir.filePath("pets/cat.png"));
  ImageListModel model;
  QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
  QCOMPARE(model.addPaths({image, image}), QStringList());
  QCOMPARE(model.rowCount(), 1);

  QStringList added{QStringLiteral("stale")};
  model.addPaths({image, dir.filePath("pets/./cat.png"), dir.filePath("pets"), dir.filePath("pets/../pets/cat.png")},
                 &added);
  QVERIFY(added.isEmpty());
  QCOMPARE(model.rowCount(), 1);
  QCOMPARE(inserted.count(), 1);
  QVERIFY(model.contains(dir.filePath("pets/./cat.png")));
}

void ImageListModelTest::trueClassIsTheParentFolderWhenItNamesAClass() {
  QTemporaryDir dir;
  const QString kett = writeImage(dir.filePath("river_kett/a.png"));
  const QString tam = writeImage(dir.filePath("Old_Tam/b.png"));
  const QString other = writeImage(dir.filePath("misc/c.png"));
  const QStringList classes{"marra", "river kett", "old tam"};
  QCOMPARE(ImageListModel::trueClassFor(kett, classes), QStringLiteral("river kett"));
  QCOMPARE(ImageListModel::trueClassFor(tam, classes), QStringLiteral("old tam"));
  QCOMPARE(ImageListModel::trueClassFor(other, classes), QString());
  // The class keeps its own spelling when the folder's differs.
  QCOMPARE(ImageListModel::trueClassFor(kett, {"River Kett"}), QStringLiteral("River Kett"));

  ImageListModel model;
  model.setClasses(classes);
  model.addPaths({dir.path()});
  QCOMPARE(model.data(model.index(model.indexOf(kett)), ImageListModel::TrueClassRole).toString(),
           QStringLiteral("river kett"));
  QCOMPARE(model.data(model.index(model.indexOf(other)), ImageListModel::TrueClassRole).toString(), QString());
}

void ImageListModelTest::setClassesRecomputesTrueClasses() {
  QTemporaryDir dir;
  const QString kett = writeImage(dir.filePath("river_kett/a.png"));
  const QString marra = writeImage(dir.filePath("marra/b.png"));
  ImageListModel model;
  model.addPaths({kett, marra});
  QCOMPARE(model.image(0).trueClass, QString());

  QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
  model.setClasses({"river kett", "wug"});
  QCOMPARE(model.image(model.indexOf(kett)).trueClass, QStringLiteral("river kett"));
  QCOMPARE(model.image(model.indexOf(marra)).trueClass, QString());
  QCOMPARE(changed.count(), 1);  // only the row whose class changed
  QVERIFY(changed.first().at(2).value<QList<int>>().contains(ImageListModel::TrueClassRole));

  model.setClasses({"marra"});
  QCOMPARE(model.image(model.indexOf(kett)).trueClass, QString());
  QCOMPARE(model.image(model.indexOf(marra)).trueClass, QStringLiteral("marra"));
}

void ImageListModelTest::imagesOverOneHundredMegapixelsAreRefusedWithAMessage() {
  QTemporaryDir dir;
  const QString huge = writeBmpHeader(dir.filePath("huge.bmp"), 20000, 6000);
  const QString limit = writeBmpHeader(dir.filePath("limit.bmp"), 10000, 10000);
  QSize size;
  QVERIFY(ImageListModel::headerProblem(limit, &size).isEmpty());
  QCOMPARE(size, QSize(10000, 10000));

  ImageListModel model;
  QStringList added;
  model.addPaths({huge}, &added);
  QCOMPARE(added, QStringList{huge});  // listed, so the user sees why it is not used
  QCOMPARE(model.image(0).state, ImageListModel::State::Failed);
  QCOMPARE(model.image(0).size, QSize(20000, 6000));
  const QString message = model.data(model.index(0), ImageListModel::StateMessageRole).toString();
  QVERIFY2(message.contains("120") && message.contains("100"), qPrintable(message));
  QVERIFY(model.pendingPaths().isEmpty());

  QString error;
  QVERIFY(ImageListModel::loadScaled(huge, QSize(96, 96), &error).isNull());
  QCOMPARE(error, message);
}

void ImageListModelTest::unreadableImagesAreAddedAsFailed() {
  QTemporaryDir dir;
  const QString fake = writeText(dir.filePath("fake.png"));
  ImageListModel model;
  model.addPaths({fake});
  QCOMPARE(model.rowCount(), 1);
  QCOMPARE(model.image(0).state, ImageListModel::State::Failed);
  QVERIFY(!model.image(0).message.isEmpty());
}

void ImageListModelTest::thumbnailsAreScaledToNinetySixPixelsInTheBackground() {
  QTemporaryDir dir;
  const QString wide = writeImage(dir.filePath("wide.png"), QSize(400, 200));
  const QString small = writeImage(dir.filePath("small.png"), QSize(30, 20));
  ImageListModel model;
  model.addPaths({wide, small});
  QSignalSpy ready(&model, &ImageListModel::thumbnailReady);
  // The first request only starts the decoding.
  QVERIFY(model.data(model.index(0), Qt::DecorationRole).isNull());
  QVERIFY(model.data(model.index(1), Qt::DecorationRole).isNull());
  QVERIFY(model.waitForThumbnails());
  QCOMPARE(ready.count(), 2);
  QCOMPARE(model.data(model.index(0), Qt::DecorationRole).value<QPixmap>().size(), QSize(96, 48));
  QCOMPARE(model.data(model.index(1), Qt::DecorationRole).value<QPixmap>().size(), QSize(30, 20));
  QVERIFY(model.data(model.index(0), ImageListModel::ThumbnailReadyRole).toBool());
}

void ImageListModelTest::embeddingsAndFailuresUpdateTheRowState() {
  QTemporaryDir dir;
  const QString a = writeImage(dir.filePath("a.png"));
  const QString b = writeImage(dir.filePath("b.png"));
  ImageListModel model;
  model.addPaths({a, b});
  QCOMPARE(model.pendingPaths(), (QStringList{a, b}));
  QCOMPARE(model.data(model.index(0), ImageListModel::StateRole).toInt(), int(ImageListModel::State::Pending));

  const QVector<float> embedding{0.6f, 0.8f, 0.0f};
  QVERIFY(model.setEmbedding(a, embedding));
  QVERIFY(model.setFailed(b, QStringLiteral("decoder said no")));
  QVERIFY(!model.setEmbedding(dir.filePath("unknown.png"), embedding));

  QCOMPARE(model.data(model.index(0), ImageListModel::StateRole).toInt(), int(ImageListModel::State::Encoded));
  QCOMPARE(model.data(model.index(0), ImageListModel::EmbeddingRole).value<QVector<float>>(), embedding);
  QCOMPARE(model.data(model.index(1), ImageListModel::StateRole).toInt(), int(ImageListModel::State::Failed));
  QCOMPARE(model.data(model.index(1), ImageListModel::StateMessageRole).toString(), QStringLiteral("decoder said no"));
  QVERIFY(model.data(model.index(1), Qt::ToolTipRole).toString().contains("decoder said no"));
  QVERIFY(model.pendingPaths().isEmpty());
  QCOMPARE(model.roleNames().value(ImageListModel::TrueClassRole), QByteArray("trueClass"));
}

void ImageListModelTest::removingRowsKeepsPathLookupsRight() {
  QTemporaryDir dir;
  const QString a = writeImage(dir.filePath("a.png"));
  const QString b = writeImage(dir.filePath("b.png"));
  const QString c = writeImage(dir.filePath("c.png"));
  ImageListModel model;
  model.addPaths({a, b, c});
  QVERIFY(model.removePaths({b}));
  QCOMPARE(model.paths(), (QStringList{a, c}));
  QCOMPARE(model.indexOf(c), 1);
  QCOMPARE(model.indexOf(b), -1);
  QVERIFY(model.setEmbedding(c, {1.0f}));
  QCOMPARE(model.image(1).state, ImageListModel::State::Encoded);
  QStringList added;
  model.addPaths({b}, &added);  // a removed image can come back
  QCOMPARE(added, QStringList{b});
  model.clear();
  QCOMPARE(model.rowCount(), 0);
  QCOMPARE(model.indexOf(a), -1);
}

void ImageListModelTest::resetEncodingsReturnsUsableImagesToPending() {
  QTemporaryDir dir;
  const QString a = writeImage(dir.filePath("a.png"));
  const QString huge = writeBmpHeader(dir.filePath("huge.bmp"), 20000, 6000);
  ImageListModel model;
  model.addPaths({a, huge});
  model.setEmbedding(a, {1.0f, 0.0f});
  QCOMPARE(model.resetEncodings(), QStringList{a});
  QCOMPARE(model.image(0).state, ImageListModel::State::Pending);
  QVERIFY(model.image(0).embedding.isEmpty());
  QCOMPARE(model.image(1).state, ImageListModel::State::Failed);
}

PROTEXT_TEST_SUITE(ImageListModelTest)
#include "image_list_model_test.moc"
