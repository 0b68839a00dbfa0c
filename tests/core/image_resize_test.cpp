// resize_bicubic against Pillow's Image.resize(size, Image.BICUBIC) on real photographs:
// downscaling (antialiased), upscaling, one axis only, non-square targets.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "core/error.h"
#include "core/image/decode.h"
#include "core/image/resize.h"
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

struct Case {
  const char* tag;
  QString image;
  int width, height;
};

}  // namespace

class ImageResizeTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::vector<Case> cases_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY2(QFile::exists(photo("astronaut.png")), "python3-skimage's sample photos are needed");
    const QString small = dir_.filePath("small.png");  // 50 x 37 piece of a photo
    protext::test::run_python("pillow_preprocess.py",
                              {"cut", photo("coffee.png"), "300", "120", "50", "37", small});
    cases_ = {
        {"astronaut 512 to 224", photo("astronaut.png"), 224, 224},
        {"astronaut 512 to 32", photo("astronaut.png"), 32, 32},
        {"astronaut 512 to 7 x 3", photo("astronaut.png"), 7, 3},
        {"coffee 600x400 to 336x224", photo("coffee.png"), 336, 224},
        {"chelsea 451x300 to 337x224", photo("chelsea.png"), 337, 224},
        {"rocket jpeg 640x427 to 335x224", photo("rocket.jpg"), 335, 224},
        {"retina jpeg 1411 to 336", photo("retina.jpg"), 336, 336},
        {"motorcycle to 100x300 (mixed)", photo("motorcycle_left.png"), 100, 300},
        {"camera grey width only", photo("camera.png"), 300, 512},
        {"camera grey height only", photo("camera.png"), 512, 200},
        {"small 50x37 up to 302x224", small, 302, 224},
        {"small 50x37 up to 224x224", small, 224, 224},
        {"small 50x37 up by 1 pixel", small, 51, 38},
    };
    QStringList specs;
    for (const Case& c : cases_) specs << QString("%1:%2:%3").arg(c.image).arg(c.width).arg(c.height);
    protext::test::run_python("pillow_preprocess.py", QStringList{"resize", "--out", dir_.path()} + specs);
  }

  void matchesPillowBicubic_data() {
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < cases_.size(); ++i) QTest::newRow(cases_[i].tag) << int(i);
  }

  void matchesPillowBicubic() {
    QFETCH(int, index);
    const Case& c = cases_[index];
    const RgbImage expected =
        protext::test::load_reference_image(dir_.filePath(QString("resize_%1.npy").arg(index)));
    const RgbImage resized = resize_bicubic(decode_image(c.image.toStdString()), c.width, c.height);
    const auto d = compare(resized, expected);
    QVERIFY(d.same_size);
    qInfo("%s: %s", c.tag, qPrintable(describe(d)));
    // Fixed-point Pillow arithmetic reproduced step by step: identical, not just close.
    QVERIFY2(d.max == 0, qPrintable(describe(d)));
  }

  void returnsACopyAtTheSameSize() {
    RgbImage image{2, 1, {1, 2, 3, 4, 5, 6}};
    const RgbImage same = resize_bicubic(image, 2, 1);
    QVERIFY(same.pixels == image.pixels);
  }

  void refusesEmptyTargetsAndSources() {
    RgbImage image{2, 1, {1, 2, 3, 4, 5, 6}};
    QVERIFY_THROWS_EXCEPTION(Error, resize_bicubic(image, 0, 5));
    QVERIFY_THROWS_EXCEPTION(Error, resize_bicubic(RgbImage{}, 5, 5));
    RgbImage mismatched{3, 3, {1, 2, 3}};
    QVERIFY_THROWS_EXCEPTION(Error, resize_bicubic(mismatched, 5, 5));
  }
};

PROTEXT_TEST_SUITE(ImageResizeTest)
#include "image_resize_test.moc"
