// The CLIP core against the reference implementation (tests/reference/clip_reference.py):
// random weights in all three formats, several architectures, outputs within 1e-4.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

#include "core/clip/model.h"
#include "core/clip/tensor_file.h"
#include "core/clip/weights.h"
#include "core/error.h"
#include "support/fixtures.h"
#include "support/suite.h"

using namespace protext;

namespace {

struct Fixture {
  nlohmann::json expected;
  torch::Tensor pixels;
};

torch::Tensor read_npy_f32(const std::string& path) {
  // numpy's .npy v1.0 for a float32 C-order array, as np.save writes it.
  std::ifstream in(path, std::ios::binary);
  std::string magic(8, '\0');
  in.read(magic.data(), 8);
  uint16_t header_len = 0;
  in.read(reinterpret_cast<char*>(&header_len), 2);
  std::string header(header_len, '\0');
  in.read(header.data(), header_len);
  const auto open = header.find('('), close = header.find(')');
  std::vector<int64_t> shape;
  std::string dims = header.substr(open + 1, close - open - 1);
  for (size_t pos = 0; pos < dims.size();) {
    size_t next = dims.find(',', pos);
    std::string part = dims.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    if (part.find_first_of("0123456789") != std::string::npos) shape.push_back(std::stoll(part));
    if (next == std::string::npos) break;
    pos = next + 1;
  }
  auto t = torch::empty(shape, torch::kFloat32);
  in.read(static_cast<char*>(t.data_ptr()), t.numel() * 4);
  return t;
}

torch::Tensor to_tensor(const nlohmann::json& rows) {
  std::vector<float> flat;
  for (const auto& row : rows)
    for (const auto& v : row) flat.push_back(v.get<float>());
  return torch::tensor(flat).view({static_cast<int64_t>(rows.size()), -1});
}

Fixture make_fixture(const QString& dir, const nlohmann::json& config, int seed) {
  test::run_python("clip_reference.py",
                   {"fixture", dir, QString::fromStdString(config.dump()), QString::number(seed)});
  Fixture f;
  std::ifstream in((dir + "/expected.json").toStdString());
  f.expected = nlohmann::json::parse(in);
  f.pixels = read_npy_f32((dir + "/pixels.npy").toStdString());
  return f;
}

nlohmann::json shape_config(int embed, int vw, int vl, int patch, int image, int tw, int tl, int context) {
  return {{"embed_dim", embed},
          {"vision", {{"width", vw}, {"layers", vl}, {"heads", std::max(1, vw / 64)}, {"mlp_width", vw * 4},
                      {"patch_size", patch}, {"image_size", image}}},
          {"text", {{"width", tw}, {"layers", tl}, {"heads", std::max(1, tw / 64)}, {"mlp_width", tw * 4},
                    {"context_length", context}, {"vocab_size", 49408}}}};
}

// Token ids trimmed to each text's own length, batched to the longest.
std::pair<torch::Tensor, torch::Tensor> trimmed_batch(const nlohmann::json& texts, int64_t pad_to = 0) {
  int64_t longest = 0;
  for (const auto& t : texts) longest = std::max<int64_t>(longest, t.size());
  if (pad_to) longest = pad_to;
  auto tokens = torch::zeros({static_cast<int64_t>(texts.size()), longest}, torch::kInt64);
  auto end = torch::empty({static_cast<int64_t>(texts.size())}, torch::kInt64);
  for (size_t i = 0; i < texts.size(); ++i) {
    for (size_t j = 0; j < texts[i].size(); ++j) tokens[i][j] = texts[i][j].get<int64_t>();
    end[i] = static_cast<int64_t>(texts[i].size()) - 1;
  }
  return {tokens, end};
}

double max_abs_diff(const torch::Tensor& a, const torch::Tensor& b) {
  return (a - b).abs().max().item<double>();
}

torch::Tensor normalized(const torch::Tensor& x) { return x / x.norm(2, -1, true); }

}  // namespace

class ClipModelTest : public QObject {
  Q_OBJECT

 private slots:
  void matchesReferenceInEveryFormat_data() {
    QTest::addColumn<QString>("config");
    QTest::addColumn<int>("seed");
    // Tiny, B/32-like proportions, odd widths (3 heads), a short context, a bigger grid.
    QTest::newRow("tiny") << QString::fromStdString(shape_config(32, 64, 2, 8, 32, 64, 2, 77).dump()) << 1;
    QTest::newRow("two-heads") << QString::fromStdString(shape_config(48, 128, 3, 16, 64, 128, 2, 77).dump()) << 2;
    QTest::newRow("three-heads") << QString::fromStdString(shape_config(40, 192, 2, 14, 42, 192, 3, 77).dump()) << 3;
    QTest::newRow("short-context") << QString::fromStdString(shape_config(16, 64, 1, 4, 24, 128, 2, 16).dump()) << 4;
  }
  void matchesReferenceInEveryFormat() {
    QFETCH(QString, config);
    QFETCH(int, seed);
    QTemporaryDir dir;
    const Fixture f = make_fixture(dir.path(), nlohmann::json::parse(config.toStdString()), seed);
    const auto& c = f.expected["config"];
    const auto [tokens, end] = trimmed_batch(f.expected["texts"]);

    struct Case { std::string path; const char* text; const char* image; WeightFormat format; };
    const std::string root = dir.path().toStdString();
    for (const Case& k : {Case{root + "/model.safetensors", "text_fp32", "image_fp32", WeightFormat::Safetensors},
                          Case{root + "/hf", "text_fp32", "image_fp32", WeightFormat::HuggingFaceFolder},
                          Case{root + "/model.pt", "text_fp16_weights", "image_fp16_weights",
                               WeightFormat::OpenAiTorchScript}}) {
      const ClipWeights w = read_clip_weights(k.path);
      QCOMPARE(format_name(w.format), format_name(k.format));
      QCOMPARE(w.config.embed_dim, c["embed_dim"].get<int64_t>());
      QCOMPARE(w.config.vision.width, c["vision"]["width"].get<int64_t>());
      QCOMPARE(w.config.vision.layers, c["vision"]["layers"].get<int64_t>());
      QCOMPARE(w.config.vision.heads, c["vision"]["heads"].get<int64_t>());
      QCOMPARE(w.config.vision.patch_size, c["vision"]["patch_size"].get<int64_t>());
      QCOMPARE(w.config.vision.image_size, c["vision"]["image_size"].get<int64_t>());
      QCOMPARE(w.config.text.width, c["text"]["width"].get<int64_t>());
      QCOMPARE(w.config.text.layers, c["text"]["layers"].get<int64_t>());
      QCOMPARE(w.config.text.heads, c["text"]["heads"].get<int64_t>());
      QCOMPARE(w.config.text.context_length, c["text"]["context_length"].get<int64_t>());
      QCOMPARE(w.config.text.vocab_size, c["text"]["vocab_size"].get<int64_t>());
      Clip model(w.config);
      copy_into(model, w.tensors, k.path);
      model->eval();
      torch::NoGradGuard no_grad;
      const auto text = model->encode_text(tokens, end);
      const auto image = model->encode_image(f.pixels);
      const auto want_text = to_tensor(f.expected[k.text]);
      const auto want_image = to_tensor(f.expected[k.image]);
      const double text_err = max_abs_diff(normalized(text), normalized(want_text));
      const double image_err = max_abs_diff(normalized(image), normalized(want_image));
      const double raw_err = std::max(max_abs_diff(text, want_text) / want_text.abs().max().item<double>(),
                                      max_abs_diff(image, want_image) / want_image.abs().max().item<double>());
      qInfo("%s: max |Δ| normalised text %.2e image %.2e; raw relative %.2e", format_name(k.format).c_str(),
            text_err, image_err, raw_err);
      QVERIFY2(text_err <= 1e-4, qPrintable(QString("text max |Δ| %1").arg(text_err)));
      QVERIFY2(image_err <= 1e-4, qPrintable(QString("image max |Δ| %1").arg(image_err)));
      QVERIFY2(raw_err <= 1e-4, qPrintable(QString("raw relative |Δ| %1").arg(raw_err)));
    }
  }

  void trimmedPaddingEqualsFullContextPadding() {
    QTemporaryDir dir;
    const Fixture f = make_fixture(dir.path(), shape_config(32, 64, 1, 8, 32, 128, 3, 77), 7);
    const ClipWeights w = read_clip_weights((dir.path() + "/model.safetensors").toStdString());
    Clip model(w.config);
    copy_into(model, w.tensors, "fixture");
    model->eval();
    torch::NoGradGuard no_grad;
    nlohmann::json short_texts = nlohmann::json::array();
    for (const auto& t : f.expected["texts"])
      if (t.size() < 20) short_texts.push_back(t);
    const auto [trimmed, end] = trimmed_batch(short_texts);
    const auto [padded, end77] = trimmed_batch(short_texts, 77);
    QVERIFY(trimmed.size(1) < padded.size(1));
    const double err = max_abs_diff(model->encode_text(trimmed, end), model->encode_text(padded, end77));
    QVERIFY2(err <= 1e-5, qPrintable(QString("max |Δ| %1").arg(err)));
  }

  void namesTheMissingTensor() {
    QTemporaryDir dir;
    make_fixture(dir.path(), shape_config(32, 64, 1, 8, 32, 64, 1, 77), 5);
    const std::string path = (dir.path() + "/model.safetensors").toStdString();
    TensorMap tensors = read_safetensors(path);
    tensors.erase("visual.transformer.resblocks.0.mlp.c_proj.bias");
    const std::string broken = (dir.path() + "/broken.safetensors").toStdString();
    save_safetensors(broken, tensors);
    const ClipWeights w = read_clip_weights(broken);
    Clip model(w.config);
    try {
      copy_into(model, w.tensors, broken);
      QFAIL("a missing tensor was accepted");
    } catch (const Error& e) {
      const std::string message = e.what();
      QVERIFY2(message.find("broken.safetensors") != std::string::npos, e.what());
      QVERIFY2(message.find("missing tensors 'visual.transformer.resblocks.0.mlp.c_proj.bias'") != std::string::npos,
               e.what());
    }
  }

  void namesTheMisShapedAndUnexpectedTensors() {
    QTemporaryDir dir;
    make_fixture(dir.path(), shape_config(32, 64, 1, 8, 32, 64, 1, 77), 5);
    TensorMap tensors = read_safetensors((dir.path() + "/model.safetensors").toStdString());
    const ClipConfig config = infer_clip_config(tensors, "fixture");
    tensors["visual.proj"] = tensors["visual.proj"].t().contiguous();
    tensors["visual.extra"] = torch::zeros({2});
    Clip model(config);
    try {
      copy_into(model, tensors, "model.safetensors");
      QFAIL("a mis-shaped tensor was accepted");
    } catch (const Error& e) {
      const std::string message = e.what();
      QVERIFY2(message.find("'visual.proj' has shape [32, 64], expected [64, 32]") != std::string::npos, e.what());
      QVERIFY2(message.find("unexpected tensors 'visual.extra'") != std::string::npos, e.what());
    }
  }

  void refusesResNetImageTowers() {
    TensorMap tensors{{"visual.layer1.0.conv1.weight", torch::zeros({64, 64, 1, 1})},
                      {"visual.attnpool.positional_embedding", torch::zeros({50, 2048})}};
    try {
      infer_clip_config(tensors, "RN50.pt");
      QFAIL("a ResNet tower was accepted");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("ResNet") != std::string::npos, e.what());
    }
  }

  void rejectsMissingZeroByteAndCorruptFiles() {
    QTemporaryDir dir;
    const std::string root = dir.path().toStdString();
    QVERIFY_THROWS_EXCEPTION(Error, read_clip_weights(root + "/nothing-here.pt"));
    std::ofstream(root + "/empty.pt").close();
    QVERIFY_THROWS_EXCEPTION(Error, read_clip_weights(root + "/empty.pt"));
    std::ofstream(root + "/fake.pt") << "PK\x03\x04 this is not really a zip archive";
    QVERIFY_THROWS_EXCEPTION(Error, read_clip_weights(root + "/fake.pt"));
    std::filesystem::create_directory(root + "/not-hf");
    QVERIFY_THROWS_EXCEPTION(Error, read_clip_weights(root + "/not-hf"));
  }

  void aFileInNeitherFormatIsNamedNotACheckpointWithWhatItBeginsWith() {
    QTemporaryDir dir;
    const std::string root = dir.path().toStdString();
    const auto message = [](const std::string& path) {
      try {
        read_clip_weights(path);
      } catch (const Error& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    std::ofstream(root + "/notes.pt") << "hello, world\n";
    std::string text = message(root + "/notes.pt");
    QVERIFY2(text.find("not a CLIP checkpoint: expected an OpenAI .pt archive (a zip file) or a .safetensors file") !=
                     std::string::npos &&
                 text.find("begins with \"hello, world \"") != std::string::npos,
             text.c_str());
    std::ofstream(root + "/image.safetensors", std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    text = message(root + "/image.safetensors");
    QVERIFY2(text.find("not a CLIP checkpoint") != std::string::npos &&
                 text.find("the bytes 89 50 4e 47 0d 0a 1a 0a") != std::string::npos,
             text.c_str());
  }

  void rejectsTruncatedTorchScriptArchive() {
    QTemporaryDir dir;
    make_fixture(dir.path(), shape_config(32, 64, 1, 8, 32, 64, 1, 77), 6);
    const std::string path = (dir.path() + "/model.pt").toStdString();
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    QVERIFY_THROWS_EXCEPTION(Error, read_clip_weights(path));
  }

  void rejectsHuggingFaceConfigWithBadValues() {
    QTemporaryDir dir;
    const std::string root = dir.path().toStdString();
    std::ofstream(root + "/bad.json") << R"({"text_config": {"hidden_size": 100, "num_attention_heads": 3}})";
    QVERIFY_THROWS_EXCEPTION(Error, read_hf_config(root + "/bad.json"));
    std::ofstream(root + "/act.json") << R"({"text_config": {"hidden_act": "swish"}, "vision_config": {"hidden_act": "swish"}})";
    QVERIFY_THROWS_EXCEPTION(Error, read_hf_config(root + "/act.json"));
    std::ofstream(root + "/broken.json") << R"({"text_config": )";
    QVERIFY_THROWS_EXCEPTION(Error, read_hf_config(root + "/broken.json"));
  }
};

PROTEXT_TEST_SUITE(ClipModelTest)
#include "clip_model_test.moc"
