// CLIP's image input against Pillow + torchvision's Resize(BICUBIC)/CenterCrop/ToTensor/
// Normalize, on real photographs at several input sizes, and through `protext preprocess`.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "core/error.h"
#include "core/image/decode.h"
#include "core/image/preprocess.h"
#include "core/npy.h"
#include "support/fixtures.h"
#include "support/image_reference.h"
#include "support/suite.h"

using namespace protext;
using protext::test::compare;
using protext::test::describe;

namespace {

QString photo(const char* name) {
  return QString("/usr/lib/python3/dist-packages/skimage/data/") + name;
}

float max_abs_difference(const torch::Tensor& a, const std::vector<float>& b) {
  const float* p = a.data_ptr<float>();
  float worst = 0;
  for (size_t i = 0; i < b.size(); ++i) worst = std::max(worst, std::fabs(p[i] - b[i]));
  return worst;
}

// An image whose pixel (x, y) is (x, y, 7): where a crop came from can be read off it.
RgbImage coordinate_image(int width, int height) {
  RgbImage image{width, height, std::vector<uint8_t>(size_t(width) * height * 3)};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      image.row(y)[x * 3 + 0] = uint8_t(x);
      image.row(y)[x * 3 + 1] = uint8_t(y);
      image.row(y)[x * 3 + 2] = 7;
    }
  return image;
}

}  // namespace

class ImagePreprocessTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QStringList images_;
  const QList<int> sizes_{224, 336, 32};

  QString reference(int size, const char* kind, int index) const {
    return dir_.filePath(QString("%1/%2_%3.npy").arg(size).arg(kind).arg(index));
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY2(QFile::exists(photo("astronaut.png")), "python3-skimage's sample photos are needed");
    const QString small = dir_.filePath("small.png");  // 60 x 45: every size upsamples it
    protext::test::run_python("pillow_preprocess.py",
                              {"cut", photo("chelsea.png"), "200", "100", "60", "45", small});
    images_ = QStringList{photo("astronaut.png"),      photo("coffee.png"),      photo("chelsea.png"),
                          photo("rocket.jpg"),         photo("motorcycle_left.png"),
                          photo("retina.jpg"),         photo("hubble_deep_field.jpg"),
                          photo("camera.png"),         photo("logo.png"),        small};
    for (int size : sizes_) {
      QVERIFY(QDir(dir_.path()).mkpath(QString::number(size)));
      protext::test::run_python("pillow_preprocess.py",
                                QStringList{"crop", "--size", QString::number(size), "--out",
                                            dir_.filePath(QString::number(size))} + images_);
    }
  }

  void matchesPillowPipeline_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("index");
    for (int size : sizes_)
      for (int i = 0; i < images_.size(); ++i)
        QTest::newRow(qPrintable(QString("%1 at %2").arg(QFileInfo(images_[i]).fileName()).arg(size)))
            << size << i;
  }

  void matchesPillowPipeline() {
    QFETCH(int, size);
    QFETCH(int, index);
    const RgbImage expected = protext::test::load_reference_image(reference(size, "crop", index));
    const RgbImage crop = resize_and_center_crop(decode_image(images_[index].toStdString()), size);
    const auto d = compare(crop, expected);
    QVERIFY(d.same_size);
    qInfo("%s at %d: %s", qPrintable(QFileInfo(images_[index]).fileName()), size, qPrintable(describe(d)));
    QVERIFY2(d.mean <= 1.0, qPrintable(describe(d)));  // the bound: 1/255 before normalising
    QVERIFY2(d.max == 0, qPrintable(describe(d)));     // and what Pillow's arithmetic allows: none

    std::vector<int64_t> shape;
    const std::vector<float> tensor_ref = read_npy(reference(size, "tensor", index).toStdString(), &shape);
    const torch::Tensor tensor = to_clip_tensor(crop);
    QCOMPARE(tensor.sizes().vec(), shape);
    QCOMPARE(tensor.scalar_type(), torch::kFloat32);
    QVERIFY2(max_abs_difference(tensor, tensor_ref) <= 1e-6f,
             qPrintable(QString("normalised max |delta| %1").arg(max_abs_difference(tensor, tensor_ref))));
  }

  void cropsCentreRoundingHalvesToEven_data() {
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("left");
    QTest::addColumn<int>("top");
    // Shorter side already equals the size, so no resampling: only the crop moves pixels.
    QTest::newRow("3 extra rows: round(1.5) = 2") << 10 << 13 << 0 << 2;
    QTest::newRow("5 extra rows: round(2.5) = 2") << 10 << 15 << 0 << 2;
    QTest::newRow("7 extra columns: round(3.5) = 4") << 17 << 10 << 4 << 0;
    QTest::newRow("4 extra columns") << 14 << 10 << 2 << 0;
    QTest::newRow("square") << 10 << 10 << 0 << 0;
  }

  void cropsCentreRoundingHalvesToEven() {
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, left);
    QFETCH(int, top);
    const RgbImage crop = resize_and_center_crop(coordinate_image(width, height), 10);
    QCOMPARE(crop.width, 10);
    QCOMPARE(crop.height, 10);
    QCOMPARE(int(crop.row(0)[0]), left);
    QCOMPARE(int(crop.row(0)[1]), top);
    QCOMPARE(int(crop.row(9)[9 * 3]), left + 9);
  }

  void normalisesWithClipMeanAndStd() {
    RgbImage image{1, 1, {0, 128, 255}};
    const torch::Tensor t = to_clip_tensor(image);
    QCOMPARE(t.sizes().vec(), (std::vector<int64_t>{3, 1, 1}));
    QVERIFY(std::fabs(t[0][0][0].item<float>() - (0.0f - 0.48145466f) / 0.26862954f) < 1e-6f);
    QVERIFY(std::fabs(t[1][0][0].item<float>() - (128 / 255.0f - 0.4578275f) / 0.26130258f) < 1e-6f);
    QVERIFY(std::fabs(t[2][0][0].item<float>() - (1.0f - 0.40821073f) / 0.27577711f) < 1e-6f);
  }

  void refusesNonPositiveSize() {
    QVERIFY_THROWS_EXCEPTION(Error, resize_and_center_crop(coordinate_image(4, 4), 0));
  }

  void preprocessCommandWritesTheReferenceArray() {
    const QString out = dir_.filePath("cli.npy");
    const auto r = protext::test::run_cli({"preprocess", "--size", "224", images_[2], "--out", out});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    const QJsonObject line = QJsonDocument::fromJson(lines[0]).object();
    QCOMPARE(line["image"].toString(), images_[2]);
    QCOMPARE(line["out"].toString(), out);
    QCOMPARE(line["shape"].toArray(), (QJsonArray{3, 224, 224}));

    std::vector<int64_t> shape, ref_shape;
    const std::vector<float> written = read_npy(out.toStdString(), &shape);
    const std::vector<float> expected = read_npy(reference(224, "tensor", 2).toStdString(), &ref_shape);
    QCOMPARE(shape, ref_shape);
    QCOMPARE(written.size(), expected.size());
    float worst = 0;
    for (size_t i = 0; i < written.size(); ++i) worst = std::max(worst, std::fabs(written[i] - expected[i]));
    QVERIFY2(worst <= 1e-6f, qPrintable(QString("max |delta| %1").arg(worst)));
  }

  void preprocessCommandFailsOnABadImage() {
    const QString bad = dir_.filePath("notes.png");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not an image\n");
    f.close();
    const QString out = dir_.filePath("bad.npy");
    const auto r = protext::test::run_cli({"preprocess", "--size", "224", bad, "--out", out});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains(bad.toUtf8()), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(out));
  }
};

PROTEXT_TEST_SUITE(ImagePreprocessTest)
#include "image_preprocess_test.moc"
