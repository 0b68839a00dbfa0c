// The embedding map and prompts read by meaning. The map's PCA equals numpy's (by another
// decomposition, up to sign) on random rows and on what `protext embed-map` projected;
// on the embedded model's demo classes, ProText moves each class's embedding from the
// single template toward its own descriptions, and `protext interpret --classes` says by
// how much.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/clip/clip_model.h"
#include "core/error.h"
#include "core/miniworld/render.h"
#include "core/npy.h"
#include "core/protext/interpret.h"
#include "core/protext/prompt_meaning.h"
#include "core/runtime/resources.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/embedding_map.h"
#include "support/demo_prompts.h"
#include "support/fixtures.h"
#include "support/suite.h"

using namespace protext;
using protext::test::run_cli;

namespace {

nlohmann::json numpy_pca(const std::string& npy) {
  return nlohmann::json::parse(test::run_python("pca_reference.py", {QString::fromStdString(npy)}).toStdString());
}

// Each axis equal to the reference's up to one sign for the whole axis.
void verifyEqualUpToSign(const std::vector<std::pair<double, double>>& xy, const nlohmann::json& expected) {
  QCOMPARE(xy.size(), expected["xy"].size());
  for (int axis = 0; axis < 2; ++axis) {
    double scale = 0, dot = 0;
    for (size_t i = 0; i < xy.size(); ++i) {
      const double mine = axis == 0 ? xy[i].first : xy[i].second, want = expected["xy"][i][axis].get<double>();
      dot += mine * want;
      scale = std::max(scale, std::abs(want));
    }
    const double sign = dot < 0 ? -1 : 1;
    for (size_t i = 0; i < xy.size(); ++i) {
      const double mine = axis == 0 ? xy[i].first : xy[i].second, want = expected["xy"][i][axis].get<double>();
      QVERIFY2(std::abs(sign * mine - want) <= 1e-6 * scale,
               qPrintable(QString("point %1 axis %2: %3 vs numpy %4").arg(i).arg(axis).arg(mine).arg(want)));
    }
  }
}

std::string demo(const std::string& name) { return resource_path("demo/" + name); }

}  // namespace

class EmbeddingMapTest : public QObject {
  Q_OBJECT
  std::shared_ptr<ClipModel> model_;
  QTemporaryDir dir_;
  std::string prompts_;

 private slots:
  void initTestCase() {
    model_ = ClipModel::open(embedded_model_path());
    prompts_ = test::train_demo_prompts(model_, (dir_.path() + "/prompts.safetensors").toStdString());
  }

  void pcaEqualsNumpysUpToSign() {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(4);
    for (const auto& [n, d] : std::vector<std::pair<int64_t, int64_t>>{{5, 3}, {40, 16}, {300, 64}}) {
      // Unequal spreads along the axes, so the components are well separated.
      auto rows = (torch::randn({n, d}, generator) * torch::linspace(3, 0.5, d)).contiguous();
      const std::string npy = (dir_.path() + "/rows.npy").toStdString();
      write_npy(npy, rows.data_ptr<float>(), {n, d});
      double explained[2];
      const auto xy = pca_2d(rows, explained);
      std::vector<std::pair<double, double>> points;
      for (int64_t i = 0; i < n; ++i) points.emplace_back(xy[i][0].item<double>(), xy[i][1].item<double>());
      const auto expected = numpy_pca(npy);
      verifyEqualUpToSign(points, expected);
      QVERIFY(std::abs(explained[0] - expected["explained"][0].get<double>()) < 1e-9);
      QVERIFY(std::abs(explained[1] - expected["explained"][1].get<double>()) < 1e-9);
    }
  }

  void pcaRefusesTooFewOrIdenticalPoints() {
    QVERIFY_THROWS_EXCEPTION(Error, pca_2d(torch::ones({1, 4})));
    QVERIFY_THROWS_EXCEPTION(Error, pca_2d(torch::ones({6, 4})));
  }

  void embedMapCommandProjectsWhatItSaysAsNumpyDoes() {
    const QString images = dir_.path() + "/images";
    // Half the demo classes, and a folder no class names: its image is placed without one.
    const auto rendered = miniworld::render_folder(7, 24, images.toStdString(), 64);
    QDir().mkpath(images + "/unicorn");
    QVERIFY(QFile::copy(QString::fromStdString(rendered.front().path), images + "/unicorn/u.png"));
    const QString map = dir_.path() + "/map.json", rows = dir_.path() + "/rows.npy";
    const auto r = run_cli({"embed-map", "--classes", QString::fromStdString(demo("classes.txt")), "--descriptions",
                            QString::fromStdString(demo("descriptions.json")), "--prompts",
                            QString::fromStdString(prompts_), "--images", images, "--out", map, "--embeddings", rows});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    std::ifstream in(map.toStdString());
    const auto json = nlohmann::json::parse(in);
    const auto classes = read_class_list(demo("classes.txt"));
    const auto descriptions = read_cupl_json(demo("descriptions.json"));
    const auto& points = json["points"];
    QVERIFY2(r.err.contains("unicorn: not in --classes"), r.err.constData());
    QCOMPARE(points.size(), classes.size() * 4 + descriptions.description_count() + 25);
    std::map<std::string, int> kinds;
    std::vector<std::pair<double, double>> xy;
    for (const auto& p : points) {
      ++kinds[p["kind"].get<std::string>()];
      xy.emplace_back(p["x"].get<double>(), p["y"].get<double>());
      if (p["kind"] == "protext") QCOMPARE(p["method"].get<std::string>(), std::string("protext"));
      if (p["kind"] == "image") QCOMPARE(p["class"].is_null(), p["text"].get<std::string>().find("unicorn") != std::string::npos);
    }
    for (const char* kind : {"template", "ensemble", "centroid", "protext"}) QCOMPARE(kinds[kind], int(classes.size()));
    QCOMPARE(kinds["image"], 25);
    QCOMPARE(size_t(kinds["description"]), descriptions.description_count());
    verifyEqualUpToSign(xy, numpy_pca(rows.toStdString()));
  }

  void proTextMovesEachDemoClassTowardItsDescriptions() {
    const MethodInputs inputs = test::demo_method_inputs(*model_, prompts_);
    const MethodSet methods = build_method_set(*model_, inputs);
    const auto meaning = prompt_meaning(*model_, methods, &*inputs.descriptions, inputs.ensemble_templates, 5);
    QCOMPARE(meaning.size(), inputs.classes.size());
    QString table;
    int moved = 0;
    for (const auto& m : meaning) {
      QVERIFY(m.has_descriptions);
      table += QString(" %1 %2→%3").arg(QString::fromStdString(inputs.classes[m.class_index]))
                   .arg(m.template_to_centroid, 0, 'f', 3).arg(m.protext_to_centroid, 0, 'f', 3);
      moved += m.protext_to_centroid > m.template_to_centroid;
      QCOMPARE(m.nearest.size(), size_t(5));
      for (size_t i = 1; i < m.nearest.size(); ++i) QVERIFY(m.nearest[i - 1].cosine >= m.nearest[i].cosine);
      // The cosine listed is the cosine of that text's embedding with the ProText row.
      const auto& first = m.nearest.front();
      const double direct =
          torch::dot(model_->encode_text({first.text})[0], methods.find(Method::ProText)->weights[m.class_index]).item<double>();
      QVERIFY(std::abs(direct - first.cosine) < 1e-5);
    }
    qInfo("cos(template → own descriptions' mean) before → after ProText:%s", qPrintable(table));
    QVERIFY2(moved == int(meaning.size()), qPrintable(table));
  }

  void interpretCommandRanksTokensByCosineAndReadsClasses() {
    const auto r = run_cli({"interpret", "--prompts", QString::fromStdString(prompts_), "--rank", "cosine", "--classes",
                            QString::fromStdString(demo("classes.txt")), "--descriptions",
                            QString::fromStdString(demo("descriptions.json")), "--nearest", "3"});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const auto lines = test::json_lines(r.out);
    const auto classes = read_class_list(demo("classes.txt"));
    QCOMPARE(lines.size(), size_t(4) + classes.size());  // 4 context vectors, then the classes
    for (size_t i = 0; i < 4; ++i) {
      const auto& nearest = lines[i]["nearest"];
      for (size_t j = 1; j < nearest.size(); ++j)
        QVERIFY(nearest[j - 1]["cosine"].get<double>() >= nearest[j]["cosine"].get<double>());
      for (const auto& t : nearest)
        QCOMPARE(t["shown"].get<std::string>().find('-') != std::string::npos || !t["subword"].get<bool>(), true);
    }
    const auto& wug = lines[4 + 2];
    QCOMPARE(wug["class"].get<std::string>(), classes[2]);
    QCOMPARE(wug["nearest"].size(), size_t(3));
    QVERIFY(wug["protext_to_centroid"].get<double>() > wug["template_to_centroid"].get<double>());
  }

  void sentencepiecePiecesAfterAWordsFirstAreMarked() {
    const auto& tokenizer = model_->tokenizer();
    // A made-up long word falls into several pieces: the first starts the word, the rest go on.
    const auto ids = tokenizer.encode("zorpificationally", 32);
    QVERIFY(ids.size() > 4);  // <s>, at least two pieces, </s>
    QVERIFY(!tokenizer.token_joins(ids[1]).previous);
    for (size_t i = 2; i + 1 < ids.size(); ++i) QVERIFY(tokenizer.token_joins(ids[i]).previous);
    QVERIFY(!tokenizer.token_joins(ids.front()).previous && !tokenizer.token_joins(ids.back()).previous);
    NearestToken t;
    t.token = "ed";
    t.joins.previous = true;
    QCOMPARE(t.shown(), std::string("-ed"));
    QVERIFY(t.subword());
  }
};

PROTEXT_TEST_SUITE(EmbeddingMapTest)
#include "image_embedding_map_test.moc"
