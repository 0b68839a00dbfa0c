// .npy files as numpy reads and writes them (checked with numpy itself).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "core/error.h"
#include "core/npy.h"
#include "support/fixtures.h"
#include "support/suite.h"

using namespace protext;

class NpyTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void roundTripsShapeAndValues() {
    const std::vector<float> values{1.5f, -2.25f, 0.0f, 3e-8f, 1e30f, -0.0f};
    write_npy(path("a.npy"), values.data(), {2, 3});
    std::vector<int64_t> shape;
    QCOMPARE(read_npy(path("a.npy"), &shape), values);
    QCOMPARE(shape, (std::vector<int64_t>{2, 3}));
  }

  void numpyLoadsWhatWeWrite_data() {
    QTest::addColumn<QList<qint64>>("dims");
    QTest::newRow("3 x 4 x 5") << QList<qint64>{3, 4, 5};
    QTest::newRow("vector") << QList<qint64>{7};
    QTest::newRow("scalar") << QList<qint64>{};
    QTest::newRow("empty") << QList<qint64>{0, 4};
  }

  void numpyLoadsWhatWeWrite() {
    QFETCH(QList<qint64>, dims);
    std::vector<int64_t> shape(dims.begin(), dims.end());
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    std::vector<float> values(n);
    for (int64_t i = 0; i < n; ++i) values[i] = float(i) * 0.5f - 7.0f;
    write_npy(path("w.npy"), values.data(), shape);
    const QJsonObject loaded = QJsonDocument::fromJson(
        protext::test::run_python("numpy_npy.py", {"load", QString::fromStdString(path("w.npy"))})).object();
    QCOMPARE(loaded["dtype"].toString(), QString("<f4"));
    QCOMPARE(loaded["fortran_order"].toBool(), false);
    QJsonArray expected_shape;
    for (qint64 d : dims) expected_shape.append(d);
    QCOMPARE(loaded["shape"].toArray(), expected_shape);
    const QJsonArray got = loaded["values"].toArray();
    QCOMPARE(got.size(), int(n));
    for (int64_t i = 0; i < n; ++i) QCOMPARE(float(got[int(i)].toDouble()), values[i]);
  }

  void readsWhatNumpyWrites_data() {
    QTest::addColumn<QString>("version");
    QTest::newRow("format 1.0") << "1.0";
    QTest::newRow("format 2.0") << "2.0";
  }

  void readsWhatNumpyWrites() {
    QFETCH(QString, version);
    protext::test::run_python("numpy_npy.py",
                              {"save", QString::fromStdString(path("n.npy")), version, "2", "3", "4"});
    std::vector<int64_t> shape;
    const std::vector<float> values = read_npy(path("n.npy"), &shape);
    QCOMPARE(shape, (std::vector<int64_t>{2, 3, 4}));
    QCOMPARE(values.size(), size_t(24));
    for (size_t i = 0; i < values.size(); ++i) QCOMPARE(values[i], float(i) * 0.25f - 3.0f);
  }

  void refusesWhatIsNotFloat32InCOrder_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("float64") << "float64" << "'<f8'";
    QTest::newRow("int32") << "int32" << "'<i4'";
    QTest::newRow("fortran order") << "fortran" << "Fortran order";
    QTest::newRow("big-endian") << "bigendian" << "'>f4'";
  }

  void refusesWhatIsNotFloat32InCOrder() {
    QFETCH(QString, kind);
    QFETCH(QString, message);
    protext::test::run_python("numpy_npy.py", {"save-as", QString::fromStdString(path("k.npy")), kind});
    try {
      read_npy(path("k.npy"));
      QFAIL("accepted");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(path("k.npy")) + ": "), e.what());
      QVERIFY2(QString(e.what()).contains(message), e.what());
    }
  }

  void refusesBrokenFiles_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray() << "not a NumPy";
    QTest::newRow("text") << QByteArray("hello world, not numpy") << "not a NumPy";
    QTest::newRow("header longer than file") << QByteArray("\x93NUMPY\x01\x00\xff\x7f{", 11) << "exceeds file size";
    QTest::newRow("version 9") << QByteArray("\x93NUMPY\x09\x00\x02\x00{}", 12) << "version 9";
  }

  void refusesBrokenFiles() {
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QFile f(QString::fromStdString(path("broken.npy")));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(content);
    f.close();
    try {
      read_npy(path("broken.npy"));
      QFAIL("accepted");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains(message), e.what());
    }
  }

  void refusesDataShorterThanItsShape() {
    const std::vector<float> values(12, 1.0f);
    write_npy(path("t.npy"), values.data(), {3, 4});
    QFile f(QString::fromStdString(path("t.npy")));
    QVERIFY(f.resize(f.size() - 4));
    QVERIFY_THROWS_EXCEPTION(Error, read_npy(path("t.npy")));
  }

  void refusesAMissingFile() { QVERIFY_THROWS_EXCEPTION(Error, read_npy(path("nope.npy"))); }

  void writesAtomicallyLeavingNoTemporaryFile() {
    QTemporaryDir dir;
    const std::vector<float> values(6, 2.0f);
    write_npy(dir.filePath("x.npy").toStdString(), values.data(), {6});
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"x.npy"});
    QVERIFY_THROWS_EXCEPTION(Error, write_npy(dir.filePath("no/such/dir/x.npy").toStdString(),
                                              values.data(), {6}));
  }
};

PROTEXT_TEST_SUITE(NpyTest)
#include "npy_test.moc"
