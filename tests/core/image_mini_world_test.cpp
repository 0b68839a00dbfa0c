// The drawn world of the embedded model: enough shapes, colours and patterns, at least 40
// named concepts each a definite combination, names in a minority of captions, 10-30
// descriptions per concept, and rendering that is a function of the seed alone.
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/miniworld/captions.h"
#include "core/miniworld/render.h"
#include "core/miniworld/world.h"
#include "support/fixtures.h"
#include "support/suite.h"

using namespace protext::miniworld;
namespace fs = std::filesystem;

namespace {

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool contains_word(const std::string& text, const std::string& word) {
  const std::string padded = " " + text + " ";
  for (const char* end : {" ", ",", ".", "s "})
    if (padded.find(" " + word + end) != std::string::npos) return true;
  return false;
}

}  // namespace

class MiniWorldTest : public QObject {
  Q_OBJECT

 private slots:
  void worldHasEightShapesEightColoursThreePatterns() {
    std::set<std::string> shapes, colours, patterns;
    for (int i = 0; i < kShapeCount; ++i) shapes.insert(shape_name(static_cast<Shape>(i)));
    for (int i = 0; i < kColourCount; ++i) colours.insert(colour_name(static_cast<Colour>(i)));
    for (int i = 0; i < kPatternCount; ++i) patterns.insert(pattern_name(static_cast<Pattern>(i)));
    QCOMPARE(shapes.size(), size_t(8));
    QCOMPARE(colours.size(), size_t(8));
    QCOMPARE(patterns, (std::set<std::string>{"solid", "striped", "dotted"}));
  }

  void conceptsAreAtLeastFortyDistinctCombinationsWithUniqueNames() {
    std::set<std::tuple<int, int, int>> combos;
    std::set<std::string> names;
    for (const auto& c : concepts()) {
      combos.insert({static_cast<int>(c.shape), static_cast<int>(c.colour), static_cast<int>(c.pattern)});
      names.insert(c.name);
      QCOMPARE(concept_of(c.shape, c.colour, c.pattern), &c);
    }
    QVERIFY(concepts().size() >= 40);
    QCOMPARE(combos.size(), concepts().size());
    QCOMPARE(names.size(), concepts().size());
  }

  void everyConceptHasANeighbourDifferingOnlyInColour() {
    // Otherwise colour alone would name it, and the model need not see shape or pattern.
    for (const auto& c : concepts()) {
      int neighbours = 0;
      for (const auto& d : concepts())
        neighbours += (&c != &d && c.shape == d.shape && c.pattern == d.pattern);
      QVERIFY2(neighbours >= 1, c.name.c_str());
    }
  }

  void namesAppearInAMinorityOfCaptionsOfTheirImages() {
    int named = 0, total = 0;
    for (int i = 0; i < 4000; ++i) {
      Rng rng(99, static_cast<uint64_t>(i));
      const Concept& c = concepts()[i % concepts().size()];
      const Scene scene = concept_scene(rng, c);
      const std::string text = caption(scene, rng, 0.4);
      named += contains_word(text, c.name);
      ++total;
    }
    const double share = static_cast<double>(named) / total;
    QVERIFY2(share > 0.3 && share < 0.5, qPrintable(QString::number(share)));
  }

  void captionsOfUnnamedScenesSayColourAndShape() {
    for (int i = 0; i < 300; ++i) {
      Rng rng(7, static_cast<uint64_t>(i));
      const Scene scene = random_scene(rng, 0.0);
      const std::string text = caption(scene, rng, 0.0);
      QVERIFY2(contains_word(text, colour_name(scene.main.colour)), text.c_str());
    }
  }

  void eachConceptHasTenToThirtyDescriptionsNamingItsColour() {
    for (const auto& c : concepts()) {
      const auto texts = descriptions(c);
      QVERIFY(texts.size() >= 10 && texts.size() <= 30);
      std::set<std::string> distinct(texts.begin(), texts.end());
      QCOMPARE(distinct.size(), texts.size());
      int with_colour = 0;
      for (const auto& t : texts) with_colour += t.find(colour_name(c.colour)) != std::string::npos;
      QVERIFY2(with_colour >= static_cast<int>(texts.size()) / 2, c.name.c_str());
    }
  }

  void renderingIsAFunctionOfTheSeed() {
    QTemporaryDir a, b, c;
    const auto first = render_folder(3, 10, a.path().toStdString(), 64);
    const auto again = render_folder(3, 10, b.path().toStdString(), 64);
    const auto other = render_folder(4, 10, c.path().toStdString(), 64);
    int differing = 0;
    for (size_t i = 0; i < first.size(); ++i) {
      QCOMPARE(file_bytes(first[i].path), file_bytes(again[i].path));
      differing += file_bytes(first[i].path) != file_bytes(other[i].path);
    }
    QCOMPARE(differing, 10);
  }

  void renderWritesOneFolderPerClassWithUnderscoredNames() {
    QTemporaryDir dir;
    const int count = static_cast<int>(concepts().size()) + 2;
    const auto images = render_folder(1, count, dir.path().toStdString(), 64);
    QCOMPARE(images.size(), size_t(count));
    const fs::path root = dir.path().toStdString();
    QVERIFY(fs::exists(root / "river_kett" / "river_kett__0.png"));
    QVERIFY(fs::exists(root / concepts()[0].name / (concepts()[0].name + "__1.png")));
    int folders = 0;
    for (const auto& entry : fs::directory_iterator(root)) folders += entry.is_directory();
    QCOMPARE(folders, static_cast<int>(concepts().size()));
  }

  void imagesShowTheObjectsColour() {
    // The object's colour dominates the pixels under its centre (solid ones only).
    int checked = 0;
    for (int i = 0; i < 200 && checked < 20; ++i) {
      Rng rng(11, static_cast<uint64_t>(i));
      Scene scene = random_scene(rng, 0.0);
      if (scene.main.pattern != Pattern::Solid || scene.main.shape == Shape::Crescent) continue;
      scene.noise = 0;
      const auto image = render(scene, 64);
      const int x = static_cast<int>(scene.main.cx * 64), y = static_cast<int>(scene.main.cy * 64);
      const uint8_t* p = image.row(y) + 3 * x;
      const int r = p[0], g = p[1], b = p[2];
      switch (scene.main.colour) {
        case Colour::Red: QVERIFY(r > 150 && g < 90 && b < 90); break;
        case Colour::Blue: QVERIFY(b > 150 && r < 90); break;
        case Colour::Green: QVERIFY(g > 120 && r < 90 && b < 110); break;
        case Colour::Yellow: QVERIFY(r > 200 && g > 180 && b < 90); break;
        default: break;
      }
      ++checked;
    }
    QCOMPARE(checked, 20);
  }

  void cliRendersTheSameFolderAsTheLibrary() {
    QTemporaryDir dir;
    const auto r = protext::test::run_cli({"mini-world", "render", "--seed", "3", "--count", "5", "--out", dir.path()});
    QCOMPARE(r.exit_code, 0);
    QTemporaryDir lib;
    const auto images = render_folder(3, 5, lib.path().toStdString(), 64);
    for (const auto& image : images) {
      const fs::path rel = fs::relative(image.path, lib.path().toStdString());
      QCOMPARE(file_bytes(fs::path(dir.path().toStdString()) / rel), file_bytes(image.path));
    }
  }
};

PROTEXT_TEST_SUITE(MiniWorldTest)
#include "image_mini_world_test.moc"
