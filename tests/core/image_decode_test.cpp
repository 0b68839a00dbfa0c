// Decoding agrees with PIL (exif_transpose + convert("RGB")) format by format, and every
// bad input is a protext::Error, the oversized ones refused from their headers alone.
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <fstream>

#include "core/error.h"
#include "core/image/decode.h"
#include "core/image/image_header.h"
#include "support/image_reference.h"
#include "support/fixtures.h"
#include "support/suite.h"

using namespace protext;
using protext::test::compare;
using protext::test::describe;

namespace {

const char* kPhoto = "/usr/lib/python3/dist-packages/skimage/data/chelsea.png";

std::vector<uint8_t> read_bytes(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + path.toStdString());
  const QByteArray data = f.readAll();
  return std::vector<uint8_t>(data.begin(), data.end());
}

void write_bytes(const QString& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path.toStdString(), std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

void put_be32(std::vector<uint8_t>& v, uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<uint8_t>(x >> s));
}

// A complete, well-formed PNG whose IHDR claims width x height: a decompression bomb's
// shape. The CRCs are left zero; the header check must refuse it before libpng looks.
std::vector<uint8_t> png_claiming(uint32_t width, uint32_t height) {
  std::vector<uint8_t> v{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  put_be32(v, 13);
  for (char c : std::string("IHDR")) v.push_back(c);
  put_be32(v, width);
  put_be32(v, height);
  for (uint8_t b : {8, 2, 0, 0, 0}) v.push_back(b);
  put_be32(v, 0);
  put_be32(v, 2);
  for (char c : std::string("IDAT")) v.push_back(c);
  v.push_back(0x78);
  v.push_back(0x9c);
  put_be32(v, 0);
  put_be32(v, 0);
  for (char c : std::string("IEND")) v.push_back(c);
  put_be32(v, 0);
  return v;
}

// SOI, a baseline frame header claiming width x height, a scan, EOI.
std::vector<uint8_t> jpeg_claiming(uint16_t width, uint16_t height) {
  return {0xFF, 0xD8,
          0xFF, 0xC0, 0x00, 0x0B, 0x08, uint8_t(height >> 8), uint8_t(height), uint8_t(width >> 8),
          uint8_t(width), 0x01, 0x01, 0x11, 0x00,
          0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
          0x12, 0x34, 0xFF, 0xD9};
}

}  // namespace

class ImageDecodeTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.filePath(name); }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY2(QFile::exists(kPhoto), "python3-skimage's sample photos are needed (run ./setup.sh)");
    protext::test::run_python("pillow_preprocess.py", {"fixtures", dir_.path(), kPhoto});
  }

  void decodesLikePil_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("max_mean");  // in levels of 255; 0 = identical
    QTest::addColumn<int>("max_abs");
    // Lossless formats must match PIL exactly; lossy ones may differ where two decoders round.
    for (const char* f : {"rgb.png", "grey.png", "rgba.png", "grey_alpha.png", "palette.png",
                          "palette_transparent.png", "rgb16.png", "grey16.png", "grey16.tiff",
                          "lossless.webp", "rgb.bmp", "rgb.tiff", "lzw.tiff"})
      QTest::newRow(f) << QString(f) << 0.0 << 0;
    for (int o = 1; o <= 8; ++o) {
      const QString f = QString("orient%1.png").arg(o);
      QTest::newRow(qPrintable(f)) << f << 0.0 << 0;
    }
    for (const char* f : {"photo.jpg", "progressive.jpg", "grey.jpg", "orient6.jpg", "lossy.webp"})
      QTest::newRow(f) << QString(f) << 1.0 << 8;
  }

  void decodesLikePil() {
    QFETCH(QString, file);
    QFETCH(double, max_mean);
    QFETCH(int, max_abs);
    const RgbImage expected = protext::test::load_reference_image(path(file + ".expected.npy"));
    const RgbImage decoded = decode_image(path(file).toStdString());
    const auto d = compare(decoded, expected);
    QVERIFY2(d.same_size, qPrintable(QString("decoded %1 x %2, PIL %3 x %4")
                                         .arg(decoded.width).arg(decoded.height)
                                         .arg(expected.width).arg(expected.height)));
    qInfo("%s: %s", qPrintable(file), qPrintable(describe(d)));
    QVERIFY2(d.mean <= max_mean && d.max <= max_abs, qPrintable(describe(d)));
  }

  void appliesExifOrientationSixAsQuarterTurnClockwise() {
    const RgbImage stored = decode_image(path("orient1.png").toStdString());
    const RgbImage turned = decode_image(path("orient6.png").toStdString());
    QCOMPARE(turned.width, stored.height);
    QCOMPARE(turned.height, stored.width);
    // Clockwise: the stored bottom-left pixel lands top-left.
    const uint8_t* want = stored.row(stored.height - 1);
    QVERIFY(std::memcmp(turned.row(0), want, 3) == 0);
  }

  void readsSizeAndOrientationFromHeaders_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("orientation");
    QTest::newRow("png") << "rgb.png" << int(ImageFormat::Png) << 1;
    QTest::newRow("png eXIf") << "orient7.png" << int(ImageFormat::Png) << 7;
    QTest::newRow("jpeg") << "photo.jpg" << int(ImageFormat::Jpeg) << 1;
    QTest::newRow("jpeg EXIF") << "orient6.jpg" << int(ImageFormat::Jpeg) << 6;
    QTest::newRow("progressive jpeg") << "progressive.jpg" << int(ImageFormat::Jpeg) << 1;
    QTest::newRow("webp VP8L") << "lossless.webp" << int(ImageFormat::WebP) << 1;
    QTest::newRow("webp VP8") << "lossy.webp" << int(ImageFormat::WebP) << 1;
    QTest::newRow("bmp") << "rgb.bmp" << int(ImageFormat::Bmp) << 1;
    QTest::newRow("tiff") << "lzw.tiff" << int(ImageFormat::Tiff) << 1;
  }

  void readsSizeAndOrientationFromHeaders() {
    QFETCH(QString, file);
    QFETCH(int, format);
    QFETCH(int, orientation);
    const auto bytes = read_bytes(path(file));
    const ImageHeader h = read_image_header(bytes.data(), bytes.size(), file.toStdString());
    QCOMPARE(int(h.format), format);
    QCOMPARE(h.width, int64_t(97));  // as stored, before orientation
    QCOMPARE(h.height, int64_t(61));
    QCOMPARE(h.orientation, orientation);
  }

  void decodesBytesInMemoryLikeTheFile() {
    const auto bytes = read_bytes(path("orient6.jpg"));
    const RgbImage from_bytes = decode_image_bytes(bytes, "pasted image");
    const RgbImage from_file = decode_image(path("orient6.jpg").toStdString());
    QCOMPARE(from_bytes.width, from_file.width);
    QCOMPARE(from_bytes.height, from_file.height);
    QVERIFY(from_bytes.pixels == from_file.pixels);
  }

  void refusesHugePngFromItsHeaderAlone() {
    write_bytes(path("huge.png"), png_claiming(20000, 20000));
    QElapsedTimer timer;
    timer.start();
    try {
      decode_image(path("huge.png").toStdString());
      QFAIL("a 400 MP image was accepted");
    } catch (const Error& e) {
      QCOMPARE(QString::fromUtf8(e.what()),
               path("huge.png") + QString::fromUtf8(": 20000 \u00d7 20000 = 400 MP exceeds the 100 MP limit"));
    }
    QVERIFY2(timer.elapsed() < 1000, "refusing must not decode");
  }

  void refusesHugeJpegFromItsHeaderAlone() {
    QVERIFY_THROWS_EXCEPTION(Error, decode_image_bytes(jpeg_claiming(30000, 30000), "huge.jpg"));
    try {
      decode_image_bytes(jpeg_claiming(30000, 30000), "huge.jpg");
    } catch (const Error& e) {
      QVERIFY2(std::strstr(e.what(), "900 MP exceeds the 100 MP limit"), e.what());
    }
  }

  void honoursACallersPixelLimit() {
    // rgb.png is 97 x 61 = 5917 pixels.
    QVERIFY_THROWS_EXCEPTION(Error, decode_image(path("rgb.png").toStdString(), 5916));
    QCOMPARE(decode_image(path("rgb.png").toStdString(), 5917).width, 97);
  }

  void refusesBadInputs_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");  // written first unless the row is "missing"
    QTest::addColumn<QString>("message");
    QTest::newRow("missing file") << "missing.png" << QByteArray() << "no such file";
    QTest::newRow("zero-byte file") << "empty.png" << QByteArray("") << "empty file";
    QTest::newRow("text named .png") << "notes.png" << QByteArray("just some text\n") << "not an image";
    QTest::newRow("gif") << "anim.gif" << QByteArray("GIF89a\x10\x00\x10\x00\x00\x00\x00", 13)
                         << "GIF images are not supported";
    QTest::newRow("png signature only") << "sig.png" << QByteArray("\x89PNG\r\n\x1a\n", 8) << "truncated";
    QTest::newRow("zero-sized png") << "zero.png"
                                    << QByteArray(reinterpret_cast<const char*>(png_claiming(0, 5).data()),
                                                  int(png_claiming(0, 5).size()))
                                    << "image size 0 x 5";
    const auto cut = [&](const char* name, double fraction) {
      const auto bytes = read_bytes(path(name));
      return QByteArray(reinterpret_cast<const char*>(bytes.data()), int(bytes.size() * fraction));
    };
    const auto bomb = png_claiming(20000, 20000);
    QTest::newRow("header-only png claiming 400 MP")
        << "bomb.png" << QByteArray(reinterpret_cast<const char*>(bomb.data()), 33)
        << "20000 \u00d7 20000 = 400 MP exceeds the 100 MP limit";
    QTest::newRow("truncated png") << "cut.png" << cut("rgb.png", 0.6) << "truncated";
    QTest::newRow("truncated jpeg") << "cut.jpg" << cut("photo.jpg", 0.6) << "truncated";
    QTest::newRow("truncated progressive jpeg") << "cut2.jpg" << cut("progressive.jpg", 0.8) << "truncated";
    QTest::newRow("truncated webp") << "cut.webp" << cut("lossy.webp", 0.6) << "truncated";
    QTest::newRow("truncated bmp") << "cut.bmp" << cut("rgb.bmp", 0.6) << "truncated";
    QTest::newRow("truncated tiff") << "cut.tiff" << cut("lzw.tiff", 0.5) << "truncated";
    QTest::newRow("truncated tiff pixels") << "cut2.tiff" << cut("rgb.tiff", 0.5) << "truncated or corrupt";
    QTest::newRow("tiff directory past the end") << "dir.tiff" << QByteArray("II*\0\x08\0\0\0\x01\0", 10)
                                                 << "truncated";
    QTest::newRow("huge bmp") << "huge.bmp"
                              << QByteArray("BM\0\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0"
                                            "\x11\x27\0\0\x10\x27\0\0\x01\0\x18\0\0\0\0\0", 34)
                              << "10001 \u00d7 10000 = 100.01 MP exceeds the 100 MP limit";
    // Chunk structure intact, compressed pixels scrambled: only the decoder can tell.
    QByteArray corrupt = cut("rgb.png", 1.0);
    const int idat = corrupt.indexOf("IDAT");
    for (int i = idat + 4; i < idat + 104; ++i) corrupt[i] = char(corrupt[i] ^ 0x5A);
    QTest::newRow("corrupt png data") << "bad.png" << corrupt << "corrupt";
  }

  void refusesBadInputs() {
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    if (QByteArray(QTest::currentDataTag()) != "missing file") {
      QFile f(path(file));
      QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
      f.write(content);
    }
    try {
      const RgbImage image = decode_image(path(file).toStdString());
      QFAIL(qPrintable(QString("decoded a %1 x %2 image").arg(image.width).arg(image.height)));
    } catch (const Error& e) {
      const QString what = QString::fromUtf8(e.what());
      QVERIFY2(what.startsWith(path(file) + ": "), qPrintable(what));  // names the file
      QVERIFY2(what.contains(message), qPrintable(what));
    }
  }

  void refusesADirectory() {
    QVERIFY_THROWS_EXCEPTION(Error, decode_image(dir_.path().toStdString()));
  }
};

PROTEXT_TEST_SUITE(ImageDecodeTest)
#include "image_decode_test.moc"
