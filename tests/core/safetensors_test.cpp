// The safetensors reader and writer against an independent Python implementation of the
// published format (tests/reference/safetensors_io.py), plus every malformed file the
// reader must refuse with a message that names the file and the problem.
// Raw string literals here keep their braces balanced: moc counts braces inside them and
// loses the class otherwise.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/clip/safetensors.h"
#include "core/clip/tensor_file.h"
#include "core/error.h"
#include "support/fixtures.h"
#include "support/suite.h"

using nlohmann::json;
using protext::DType;
using protext::SafetensorsFile;

namespace {

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const protext::Error& e) {
    return e.what();
  }
  return {};
}

// Stored words as integers, so NaNs and signed zeros compare exactly.
std::vector<uint64_t> words(const void* data, size_t count, size_t width) {
  std::vector<uint64_t> out(count, 0);
  for (size_t i = 0; i < count; ++i)
    std::memcpy(&out[i], static_cast<const uint8_t*>(data) + i * width, width);
  return out;
}

std::vector<uint64_t> words(const torch::Tensor& tensor) {
  const torch::Tensor t = tensor.contiguous();
  return words(t.data_ptr(), static_cast<size_t>(t.numel()), t.element_size());
}

std::vector<uint64_t> words(const json& list) { return list.get<std::vector<uint64_t>>(); }

torch::Dtype torch_dtype_named(const std::string& name) {
  if (name == "F32") return torch::kFloat32;
  if (name == "F16") return torch::kFloat16;
  return torch::kBFloat16;
}

QByteArray little_endian_u64(uint64_t value) {
  QByteArray out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  return out;
}

// A file as raw bytes: the length field (the header's true length unless given), the
// header text, then `data_bytes` zero bytes.
QByteArray file_bytes(const QByteArray& header, int data_bytes = 0,
                      std::optional<uint64_t> length = std::nullopt) {
  return little_endian_u64(length ? *length : static_cast<uint64_t>(header.size())) + header +
         QByteArray(data_bytes, '\0');
}

}  // namespace

// Fails the test unless `expr` throws protext::Error whose message contains every part.
#define EXPECT_ERROR(expr, ...)                                                          \
  do {                                                                                   \
    const std::string message_ = error_of([&] { expr; });                                \
    QVERIFY2(!message_.empty(), "expected protext::Error from " #expr);                  \
    for (const std::string part_ : std::initializer_list<std::string>{__VA_ARGS__})      \
      QVERIFY2(message_.find(part_) != std::string::npos,                                \
               ("'" + part_ + "' missing from: " + message_).c_str());                   \
  } while (0)

class SafetensorsTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<QTemporaryDir> dir_;

  std::string path(const QString& name) const { return dir_->filePath(name).toStdString(); }

  std::string write_file(const QString& name, const QByteArray& bytes) const {
    QFile file(dir_->filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
      throw std::runtime_error("cannot write test file " + name.toStdString());
    return path(name);
  }

  // Writes `header` (a JSON text) with enough zero data bytes for its offsets and expects
  // the reader to refuse it naming the file and `problem`.
  void expect_header_rejected(const QByteArray& header, int data_bytes,
                              const std::string& problem) {
    const std::string file = write_file("bad.safetensors", file_bytes(header, data_bytes));
    EXPECT_ERROR(SafetensorsFile{file}, file, problem);
  }

 private slots:
  void init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
  }

  // ---- files from the reference writer ----

  void readsTensorsWrittenByReference() {
    const std::string file = path("reference.safetensors");
    const json expected = json::parse(
        protext::test::run_python("safetensors_io.py", {"write-random", QString::fromStdString(file)})
            .toStdString());
    std::map<std::string, std::string> metadata;
    const protext::TensorMap tensors = protext::read_safetensors(file, &metadata);
    QCOMPARE(tensors.size(), expected["tensors"].size());
    for (const auto& [name, want] : expected["tensors"].items()) {
      QVERIFY2(tensors.count(name), name.c_str());
      const torch::Tensor& got = tensors.at(name);
      QVERIFY2(got.scalar_type() == torch_dtype_named(want["dtype"]), name.c_str());
      QCOMPARE(got.sizes().vec(), want["shape"].get<std::vector<int64_t>>());
      QVERIFY(got.device().is_cpu());
      QVERIFY2(words(got) == words(want["bits"]), name.c_str());
    }
    QVERIFY((metadata == expected["metadata"].get<std::map<std::string, std::string>>()));
  }

  void readsReferenceFileWithoutTorch() {
    const std::string file = path("reference.safetensors");
    const json expected = json::parse(
        protext::test::run_python("safetensors_io.py", {"write-random", QString::fromStdString(file), "--seed", "7"})
            .toStdString());
    const SafetensorsFile st(file);
    QCOMPARE(st.entries().size(), expected["tensors"].size());
    for (const auto& [name, want] : expected["tensors"].items()) {
      const protext::SafetensorsEntry* entry = st.find(name);
      QVERIFY2(entry, name.c_str());
      QCOMPARE(protext::dtype_name(entry->dtype), want["dtype"].get<std::string>());
      QCOMPARE(entry->shape, want["shape"].get<std::vector<int64_t>>());
      const size_t width = protext::dtype_size(entry->dtype);
      QCOMPARE(entry->nbytes, want["bits"].size() * width);
      QVERIFY2(words(entry->data, entry->nbytes / width, width) == words(want["bits"]),
               name.c_str());
    }
    QVERIFY(st.find("absent") == nullptr);
    QCOMPARE(st.metadata().at("note"), std::string("größe ✓"));
    QCOMPARE(st.metadata().at("empty"), std::string());
  }

  void keepsEntriesValidWhenMoved() {
    const std::string file = path("reference.safetensors");
    const json expected = json::parse(
        protext::test::run_python("safetensors_io.py", {"write-random", QString::fromStdString(file)})
            .toStdString());
    SafetensorsFile first(file);
    SafetensorsFile second(std::move(first));
    QVERIFY(first.entries().empty());
    SafetensorsFile third(file);
    third = std::move(second);
    const protext::SafetensorsEntry* proj = third.find("visual.proj");
    QVERIFY(proj);
    QVERIFY(words(proj->data, 8, 4) == words(expected["tensors"]["visual.proj"]["bits"]));
  }

  // ---- files from this writer, read by the reference ----

  void referenceReadsTensorsWrittenByCpp() {
    torch::manual_seed(3);
    const protext::TensorMap tensors{
        {"b.f32", torch::randn({3, 4})},
        {"a.f32.transposed", torch::randn({4, 3}).t()},
        {"c.f32.scalar", torch::randn({})},
        {"d.f32.empty", torch::randn({0, 5})},
        {"e.f16.odd", torch::randn({5}).to(torch::kFloat16)},
        {"f.bf16", torch::randn({2, 3}).to(torch::kBFloat16)},
        {"g.bf16.scalar", torch::randn({}).to(torch::kBFloat16)},
        {"h.f16.specials",
         torch::tensor({0.0f, -0.0f, INFINITY, -INFINITY, NAN, 65504.0f}).to(torch::kFloat16)},
    };
    const std::map<std::string, std::string> metadata{{"n_ctx", "4"}, {"template", "a photo of a {}."}};
    const std::string file = path("cpp.safetensors");
    protext::save_safetensors(file, tensors, metadata);

    const json dump = json::parse(
        protext::test::run_python("safetensors_io.py", {"dump", QString::fromStdString(file)}).toStdString());
    QCOMPARE(dump["tensors"].size(), tensors.size());
    for (const auto& [name, tensor] : tensors) {
      const json& got = dump["tensors"][name];
      const char* dtype = tensor.scalar_type() == torch::kFloat32   ? "F32"
                          : tensor.scalar_type() == torch::kFloat16 ? "F16"
                                                                    : "BF16";
      QCOMPARE(got["dtype"].get<std::string>(), std::string(dtype));
      QCOMPARE(got["shape"].get<std::vector<int64_t>>(), tensor.sizes().vec());
      QVERIFY2(words(got["bits"]) == words(tensor), name.c_str());
    }
    QVERIFY((dump["metadata"].get<std::map<std::string, std::string>>() == metadata));
  }

  void writesSortedHeaderPaddedToEightBytesWithDataInNameOrder() {
    const protext::TensorMap tensors{{"zeta", torch::ones({3}, torch::kFloat16)},
                                     {"alpha", torch::ones({1})},
                                     {"Mid", torch::ones({2, 2}, torch::kBFloat16)},
                                     {"empty", torch::ones({0})}};
    const std::string file = path("layout.safetensors");
    protext::save_safetensors(file, tensors, {{"k", "v"}});
    const json dump = json::parse(
        protext::test::run_python("safetensors_io.py", {"dump", QString::fromStdString(file)}).toStdString());

    QCOMPARE(dump["header_length"].get<int>() % 8, 0);
    const std::string header = dump["header"];
    const size_t close = header.find_last_of('}');
    QCOMPARE(header.find_first_not_of(' ', close + 1), std::string::npos);
    size_t previous_position = 0;
    uint64_t next_offset = 0;
    for (const char* name : {"Mid", "__metadata__", "alpha", "empty", "zeta"}) {
      const size_t position = header.find("\"" + std::string(name) + "\"");
      QVERIFY2(position != std::string::npos && position >= previous_position, name);
      previous_position = position;
      if (std::string(name) == "__metadata__") continue;
      const auto offsets = dump["tensors"][name]["data_offsets"].get<std::vector<uint64_t>>();
      QCOMPARE(offsets.front(), next_offset);
      next_offset = offsets.back();
    }
    QCOMPARE(static_cast<qint64>(8 + dump["header_length"].get<uint64_t>() + next_offset),
             QFileInfo(QString::fromStdString(file)).size());
  }

  void roundTripsMetadata() {
    const std::map<std::string, std::string> metadata{
        {"loss_history", "[0.5, 0.25]"}, {"unicode", "日本語 ✓"}, {"empty", ""},
        {"quotes", "say \"hi\"\n\\"}};
    const std::string file = path("meta.safetensors");
    protext::save_safetensors(file, {{"x", torch::zeros({2})}}, metadata);
    std::map<std::string, std::string> read_back;
    protext::read_safetensors(file, &read_back);
    QVERIFY(read_back == metadata);

    std::map<std::string, std::string> none{{"stale", "entry"}};
    protext::save_safetensors(file, {{"x", torch::zeros({2})}});
    protext::read_safetensors(file, &none);
    QVERIFY(none.empty());
  }

  void acceptsEmptyTensorsTouchingOthers() {
    const std::string file = write_file(
        "edges.safetensors",
        file_bytes(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                   R"("b":{"dtype":"F32","shape":[0],"data_offsets":[16,16]},)"
                   R"("c":{"dtype":"F16","shape":[2,0],"data_offsets":[0,0]},)"
                   R"("d":{"dtype":"BF16","shape":[0],"data_offsets":[0,0]}}    )",
                   16));
    const SafetensorsFile st(file);
    QCOMPARE(st.entries().size(), size_t{4});
    QCOMPARE(st.find("b")->nbytes, size_t{0});
  }

  void acceptsEmptyHeaderObject() {
    const std::string file = write_file("empty-header.safetensors", file_bytes("{}"));
    const SafetensorsFile st(file);
    QVERIFY(st.entries().empty());
    QVERIFY(st.metadata().empty());
  }

  // ---- atomic writing ----

  void replacesExistingFileAndLeavesNoTempFile() {
    const std::string file = path("model.safetensors");
    protext::save_safetensors(file, {{"old", torch::zeros({100})}});
    protext::save_safetensors(file, {{"new", torch::full({2}, 7.0f)}});
    const protext::TensorMap read_back = protext::read_safetensors(file);
    QCOMPARE(read_back.size(), size_t{1});
    QVERIFY(torch::equal(read_back.at("new"), torch::full({2}, 7.0f)));
    QCOMPARE(QDir(dir_->path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{"model.safetensors"});
  }

  void refusesToReplaceSomethingThatIsNotAFile() {
    // A folder (or a device such as /dev/full) is never replaced by a file, and nothing
    // is left beside it.
    QVERIFY(QDir(dir_->path()).mkpath("target/inside"));
    const std::string target = path("target");
    EXPECT_ERROR(protext::save_safetensors(target, {{"x", torch::zeros({4})}}), target,
                 "exists and is not a regular file; refusing to replace it");
    QCOMPARE(QDir(dir_->path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{"target"});
  }

  void rejectsWriteIntoMissingDirectory() {
    const std::string file = path("no/such/dir/model.safetensors");
    EXPECT_ERROR(protext::save_safetensors(file, {{"x", torch::zeros({1})}}), file,
                 "cannot write here: the folder " + path("no/such/dir") + " does not exist");
  }

  // ---- what the writer refuses ----

  void refusesToSaveUnsupportedDtype() {
    const std::string file = path("ids.safetensors");
    EXPECT_ERROR(protext::save_safetensors(file, {{"weight", torch::zeros({2})},
                                                  {"token_ids", torch::zeros({3}, torch::kInt64)}}),
                 file, "tensor 'token_ids'", "Long", "float32, float16 and bfloat16");
    QVERIFY(!QFileInfo::exists(QString::fromStdString(file)));
  }

  void rejectsTensorWhoseBytesDisagreeWithShape() {
    const std::string file = path("short.safetensors");
    const float values[5] = {};
    EXPECT_ERROR(protext::write_safetensors(file, {{"w", DType::F32, {2, 3}, values, sizeof values}}),
                 file, "tensor 'w'", "20 bytes", "[2, 3] × F32 needs 24");
  }

  void rejectsDuplicateNamesOnWrite() {
    const std::string file = path("dup.safetensors");
    const float value = 1;
    EXPECT_ERROR(protext::write_safetensors(file, {{"w", DType::F32, {}, &value, 4},
                                                  {"w", DType::F32, {1}, &value, 4}}),
                 file, "tensor 'w' is given twice");
  }

  void rejectsTensorNamedMetadata() {
    const std::string file = path("reserved.safetensors");
    const float value = 1;
    EXPECT_ERROR(protext::write_safetensors(file, {{"__metadata__", DType::F32, {}, &value, 4}}),
                 file, "__metadata__ is reserved");
  }

  // ---- what the reader refuses: the file as a whole ----

  void rejectsMissingFile() {
    const std::string file = path("missing.safetensors");
    EXPECT_ERROR(SafetensorsFile{file}, file, "cannot open", "No such file");
    EXPECT_ERROR(protext::read_safetensors(file), file, "cannot open");
  }

  void rejectsDirectoryPath() {
    QVERIFY(QDir(dir_->path()).mkpath("folder.safetensors"));
    const std::string file = path("folder.safetensors");
    EXPECT_ERROR(SafetensorsFile{file}, file, "not a regular file");
  }

  void rejectsZeroByteFile() {
    const std::string file = write_file("zero.safetensors", {});
    EXPECT_ERROR(SafetensorsFile{file}, file, "empty file (0 bytes)");
  }

  void rejectsFileShorterThanHeaderLength() {
    const std::string file = write_file("tiny.safetensors", QByteArray("\x02\0\0\0{", 5));
    EXPECT_ERROR(SafetensorsFile{file}, file, "file is 5 bytes", "8-byte header length");
  }

  void rejectsHeaderLongerThanFile() {
    const std::string file = write_file("long.safetensors", file_bytes("{}", 18, 9999));
    EXPECT_ERROR(SafetensorsFile{file}, file, "header length 9999 exceeds file size 28");
  }

  void rejectsHeaderLengthAboveLimit_data() {
    QTest::addColumn<quint64>("length");
    QTest::newRow("just over 100 MB") << quint64{100000001};
    QTest::newRow("2^63") << (quint64{1} << 63);
    QTest::newRow("2^64 - 1") << ~quint64{0};
  }
  void rejectsHeaderLengthAboveLimit() {
    QFETCH(quint64, length);
    const std::string file = write_file("huge.safetensors", file_bytes("{}", 0, length));
    EXPECT_ERROR(SafetensorsFile{file}, file,
                 "header length " + std::to_string(length) + " exceeds the limit");
  }

  void rejectsTruncatedFile() {
    const std::string file = path("truncated.safetensors");
    protext::test::run_python("safetensors_io.py", {"write-random", QString::fromStdString(file)});
    QVERIFY(QFile::resize(QString::fromStdString(file), QFileInfo(QString::fromStdString(file)).size() - 3));
    EXPECT_ERROR(SafetensorsFile{file}, file, "past the end of the data", "truncated");
  }

  void rejectsEveryTruncationOfAValidFile() {
    const std::string whole = path("whole.safetensors");
    protext::test::run_python("safetensors_io.py", {"write-random", QString::fromStdString(whole)});
    QFile source(QString::fromStdString(whole));
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray bytes = source.readAll();
    // The last tensor in offset order is non-empty, so every proper prefix is broken.
    for (int size = 0; size < bytes.size(); ++size) {
      const std::string file = write_file("prefix.safetensors", bytes.left(size));
      const std::string message = error_of([&] { SafetensorsFile{file}; });
      QVERIFY2(message.find(file) != std::string::npos,
               qPrintable(QString("prefix of %1 bytes: '%2'").arg(size).arg(message.c_str())));
    }
  }

  // ---- what the reader refuses: the header ----

  void rejectsNonJsonHeader_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("broken object") << QByteArray("{\"a\": {\"dtype\": ");
    QTest::newRow("plain text") << QByteArray("hello world");
    QTest::newRow("empty header") << QByteArray();
    QTest::newRow("only spaces") << QByteArray("        ");
    QTest::newRow("trailing garbage") << QByteArray("{} x");
    QTest::newRow("nul byte") << QByteArray("{}\0\0", 4);
    QTest::newRow("nul then garbage") << QByteArray("{}\0 trailing garbage", 20);
  }
  void rejectsNonJsonHeader() {
    QFETCH(QByteArray, header);
    expect_header_rejected(header, 0, "header is not valid JSON");
  }

  void rejectsHeaderThatIsNotUtf8() {
    expect_header_rejected("{\"w\xff\":{}}", 0, "header is not valid JSON");
  }

  void rejectsNonObjectHeader_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("kind");
    QTest::newRow("array") << QByteArray("[1, 2]") << "array";
    QTest::newRow("string") << QByteArray(R"("tensors")") << "string";
    QTest::newRow("number") << QByteArray("42") << "number";
    QTest::newRow("null") << QByteArray("null") << "null";
  }
  void rejectsNonObjectHeader() {
    QFETCH(QByteArray, header);
    QFETCH(QString, kind);
    expect_header_rejected(header, 0, "header is a JSON " + kind.toStdString() + ", not an object");
  }

  void rejectsDeeplyNestedHeaderWithoutCrashing() {
    const int depth = 100000;
    expect_header_rejected(QByteArray(depth, '[') + QByteArray(depth, ']'), 0, "not an object");
    QByteArray nested;
    for (int i = 0; i < depth; ++i) nested += "{\"a\":";
    nested += "1" + QByteArray(depth, '}');
    expect_header_rejected(nested, 0, "tensor 'a' has no \"dtype\"");
  }

  void rejectsDuplicatedTensorNames() {
    expect_header_rejected(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                           R"("w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                           8, "the header names 'w' twice");
  }

  void rejectsUnsupportedDtype_data() {
    QTest::addColumn<QString>("dtype");
    for (const char* dtype : {"I64", "I32", "F64", "U8", "BOOL", "F8_E4M3", "f32", "F99"})
      QTest::newRow(dtype) << dtype;
  }
  void rejectsUnsupportedDtype() {
    QFETCH(QString, dtype);
    const QByteArray header =
        "{\"ids\":{\"dtype\":\"" + dtype.toUtf8() + "\",\"shape\":[1],\"data_offsets\":[0,8]}}";
    expect_header_rejected(header, 8,
                           "tensor 'ids' has dtype " + dtype.toStdString() +
                               "; only F32, F16 and BF16 are supported");
  }

  void rejectsShapeThatDisagreesWithOffsets() {
    expect_header_rejected(
        R"({"visual.proj":{"dtype":"F32","shape":[5,6],"data_offsets":[0,100]}})", 120,
        "tensor 'visual.proj' data_offsets [0, 100] but shape [5, 6] × F32 needs 120 bytes");
  }

  void rejectsScalarWithWrongByteCount() {
    expect_header_rejected(R"({"s":{"dtype":"BF16","shape":[],"data_offsets":[0,0]}})", 8,
                           "tensor 's' data_offsets [0, 0] but shape [] × BF16 needs 2 bytes");
  }

  void rejectsShapeWhoseSizeOverflows() {
    expect_header_rejected(
        R"({"big":{"dtype":"F32","shape":[4294967296,4294967296,4],"data_offsets":[0,0]}})", 0,
        "tensor 'big' has shape [4294967296, 4294967296, 4] × F32, too large");
  }

  void rejectsOffsetsPastEndOfData() {
    expect_header_rejected(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", 8,
                           "tensor 'w' has data_offsets [0, 16] past the end of the data (8 bytes");
  }

  void rejectsOffsetsWithBeginAfterEnd() {
    expect_header_rejected(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}})", 8,
                           "tensor 'w' has data_offsets [8, 4] with begin after end");
  }

  void rejectsOverlappingTensors_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("problem");
    QTest::newRow("partial")
        << QByteArray(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                      R"("b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})")
        << "tensor 'b' at [8, 24] overlaps tensor 'a' at [0, 16]";
    QTest::newRow("identical")
        << QByteArray(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                      R"("b":{"dtype":"F16","shape":[4],"data_offsets":[0,8]}})")
        << "tensor 'b' at [0, 8] overlaps tensor 'a' at [0, 8]";
    QTest::newRow("contained after a gap")
        << QByteArray(R"({"a":{"dtype":"F32","shape":[6],"data_offsets":[0,24]},)"
                      R"("b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},)"
                      R"("c":{"dtype":"F32","shape":[1],"data_offsets":[16,20]}})")
        << "tensor 'b' at [4, 8] overlaps tensor 'a' at [0, 24]";
    QTest::newRow("empty tensor inside another")
        << QByteArray(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                      R"("e":{"dtype":"F32","shape":[0],"data_offsets":[8,8]}})")
        << "tensor 'e' at [8, 8] overlaps tensor 'a' at [0, 16]";
  }
  void rejectsOverlappingTensors() {
    QFETCH(QByteArray, header);
    QFETCH(QString, problem);
    expect_header_rejected(header, 24, problem.toStdString());
  }

  void rejectsMalformedTensorEntry_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("problem");
    QTest::newRow("entry not an object") << QByteArray(R"({"w":[1,2]})")
                                         << "tensor 'w' is a JSON array, not an object";
    QTest::newRow("no dtype") << QByteArray(R"({"w":{"shape":[1],"data_offsets":[0,4]}})")
                              << "tensor 'w' has no \"dtype\"";
    QTest::newRow("no shape") << QByteArray(R"({"w":{"dtype":"F32","data_offsets":[0,4]}})")
                              << "tensor 'w' has no \"shape\"";
    QTest::newRow("no offsets") << QByteArray(R"({"w":{"dtype":"F32","shape":[1]}})")
                                << "tensor 'w' has no \"data_offsets\"";
    QTest::newRow("dtype a number")
        << QByteArray(R"({"w":{"dtype":32,"shape":[1],"data_offsets":[0,4]}})")
        << "tensor 'w' has a dtype that is not a string";
    QTest::newRow("shape a number")
        << QByteArray(R"({"w":{"dtype":"F32","shape":1,"data_offsets":[0,4]}})")
        << "tensor 'w' has a shape that is not an array";
    QTest::newRow("negative dimension")
        << QByteArray(R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})")
        << "tensor 'w' has shape [-1], whose dimensions are not all non-negative";
    QTest::newRow("fractional dimension")
        << QByteArray(R"({"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})")
        << "tensor 'w' has shape [1.5]";
    QTest::newRow("dimension above int64")
        << QByteArray(R"({"w":{"dtype":"F32","shape":[9223372036854775808],"data_offsets":[0,4]}})")
        << "tensor 'w' has shape [9223372036854775808]";
    QTest::newRow("three offsets")
        << QByteArray(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}})")
        << "tensor 'w' has data_offsets [0,4,8], not two non-negative integers";
    QTest::newRow("negative offset")
        << QByteArray(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}})")
        << "tensor 'w' has data_offsets [-4,0]";
    QTest::newRow("offsets not an array")
        << QByteArray(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":"0-4"}})")
        << "tensor 'w' has data_offsets \"0-4\"";
    QTest::newRow("key repeated inside an entry")
        << QByteArray(R"({"w":{"dtype":"F32","dtype":"F16","shape":[1],"data_offsets":[0,4]}})")
        << "an object in the header has the key 'dtype' twice";
  }
  void rejectsMalformedTensorEntry() {
    QFETCH(QByteArray, header);
    QFETCH(QString, problem);
    expect_header_rejected(header, 8, problem.toStdString());
  }

  void rejectsMalformedMetadata_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("problem");
    QTest::newRow("array") << QByteArray(R"({"__metadata__":["a"]})")
                           << "__metadata__ is a JSON array, not an object of strings";
    QTest::newRow("number value") << QByteArray(R"({"__metadata__":{"n_ctx":4}})")
                                  << "__metadata__ entry 'n_ctx' is a JSON number, not a string";
    QTest::newRow("object value") << QByteArray(R"({"__metadata__":{"cfg":{"a":"b"}}})")
                                  << "__metadata__ entry 'cfg' is a JSON object, not a string";
  }
  void rejectsMalformedMetadata() {
    QFETCH(QByteArray, header);
    QFETCH(QString, problem);
    expect_header_rejected(header, 0, problem.toStdString());
  }
};

PROTEXT_TEST_SUITE(SafetensorsTest)
#include "safetensors_test.moc"
