// The statistics of an evaluation report: paired counts, McNemar's exact test, bootstrap
// intervals and calibration equal a numpy/scipy reference (stats_reference.py) that
// recomputes them from the predictions file alone.
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/npy.h"
#include "core/protext/calibration.h"
#include "core/protext/evaluate.h"
#include "core/protext/paired_stats.h"
#include "support/fixtures.h"
#include "support/suite.h"

using protext::test::run_python;

namespace {

bool close(double a, double b, double tolerance = 1e-12) { return std::abs(a - b) <= tolerance; }

double reference_mcnemar(int64_t b, int64_t c) {
  return std::stod(run_python("stats_reference.py", {"mcnemar", QString::number(b), QString::number(c)}).toStdString());
}

// Random unit features and weights of several shapes, with labels that spread errors over
// every class: a report to check against the reference.
struct RandomSet {
  protext::ImageFeatures images;
  torch::Tensor weights;
  std::vector<std::string> classes;
};

RandomSet random_set(int64_t n, int64_t c, int64_t d, uint64_t seed) {
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  RandomSet set;
  auto weights = torch::randn({c, d}, generator);
  set.weights = weights / weights.norm(2, -1, true);
  // Images near their class's row, so the methods are right often but not always.
  std::vector<int64_t> labels;
  for (int64_t i = 0; i < n; ++i) labels.push_back((i * 7) % c);
  auto features = set.weights.index_select(0, torch::tensor(labels)) + 0.9 * torch::randn({n, d}, generator);
  set.images.features = features / features.norm(2, -1, true);
  set.images.labels = labels;
  for (int64_t i = 0; i < n; ++i) set.images.paths.push_back("image" + std::to_string(i) + ".png");
  for (int64_t k = 0; k < c; ++k) set.classes.push_back("class " + std::to_string(k));
  return set;
}

// A second classifier: the first with noise, so the two disagree on some images.
torch::Tensor perturbed(const torch::Tensor& weights, uint64_t seed) {
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  auto w = weights + 0.6 * torch::randn(weights.sizes(), generator);
  return w / w.norm(2, -1, true);
}

}  // namespace

class EvalStatisticsTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void mcnemarIsTwiceTheBinomialTailOfTheDiscordantPairs() {
    QCOMPARE(protext::mcnemar_exact_p(0, 0), 1.0);
    QVERIFY(close(protext::mcnemar_exact_p(5, 0), 2.0 / 32));
    QVERIFY(close(protext::mcnemar_exact_p(0, 5), 2.0 / 32));
    QCOMPARE(protext::mcnemar_exact_p(7, 7), 1.0);
    // 2 · (1 + 10 + 45) / 1024 for 2 against 8.
    QVERIFY(close(protext::mcnemar_exact_p(2, 8), 2.0 * 56 / 1024));
  }

  void mcnemarEqualsScipyFromFewToMillionsOfPairs_data() {
    QTest::addColumn<qint64>("b");
    QTest::addColumn<qint64>("c");
    QTest::newRow("1-3") << qint64(1) << qint64(3);
    QTest::newRow("13-29") << qint64(13) << qint64(29);
    QTest::newRow("400-480") << qint64(400) << qint64(480);
    QTest::newRow("1e5-near") << qint64(100000) << qint64(100900);
    QTest::newRow("3e6-tiny-p") << qint64(3000000) << qint64(3010000);
  }
  void mcnemarEqualsScipyFromFewToMillionsOfPairs() {
    QFETCH(qint64, b);
    QFETCH(qint64, c);
    const double want = reference_mcnemar(b, c), got = protext::mcnemar_exact_p(b, c);
    // lgamma of millions keeps about 8 significant digits of the tail: ample for a p-value.
    QVERIFY2(std::abs(got - want) <= 1e-7 * want,
             qPrintable(QString("%1 vs scipy %2").arg(got, 0, 'g', 17).arg(want, 0, 'g', 17)));
  }

  // The stream a reader of report.json redraws: SplitMix64's published first outputs.
  void bootstrapDrawsFromSplitMix64() {
    protext::SplitMix64 draw(0);
    QCOMPARE(draw.next(), 0xE220A8397B1DCDAFULL);
    QCOMPARE(draw.next(), 0x6E789E6AA1B965F4ULL);
    QCOMPARE(draw.next(), 0x06C45D188009454FULL);
  }

  void bootstrapIntervalsAreSeededAndBracketTheAccuracy() {
    std::vector<uint8_t> right(200, 0);
    for (size_t i = 0; i < right.size(); i += 3) right[i] = 1;  // 67 of 200
    const auto a = protext::bootstrap_top1(right, 1000, 5), b = protext::bootstrap_top1(right, 1000, 5);
    QCOMPARE(a.low, b.low);
    QCOMPARE(a.high, b.high);
    QVERIFY(a.low < 0.335 && 0.335 < a.high);
    QVERIFY(a.high - a.low > 0.08 && a.high - a.low < 0.18);  // ≈ 4 standard errors of 0.033
    const auto other = protext::bootstrap_top1(right, 1000, 6);
    QVERIFY(other.low != a.low || other.high != a.high);
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::bootstrap_top1(right, 0, 5));
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::bootstrap_top1(right, 2000000, 5));
  }

  void calibrationBinsByTopProbability() {
    // (lo, hi] bins of width 1/15: 0 and 0.05 fall in the first, 0.95 and 1 in the last.
    const auto cal = protext::calibration({0.0, 0.05, 0.95, 0.95, 1.0}, {0, 1, 1, 0, 1});
    QCOMPARE(cal.bins.size(), size_t(15));
    QCOMPARE(cal.bins[0].count, int64_t(2));
    QCOMPARE(cal.bins[14].count, int64_t(3));
    QVERIFY(close(cal.bins[0].accuracy, 0.5));
    QVERIFY(close(cal.bins[0].confidence, 0.025));
    QVERIFY(close(cal.bins[14].accuracy, 2.0 / 3));
    QVERIFY(std::isnan(cal.bins[7].accuracy));
    QVERIFY(close(cal.ece, 2.0 / 5 * 0.475 + 3.0 / 5 * std::abs(2.0 / 3 - 2.9 / 3)));
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::calibration({1.5}, {1}));
  }

  void reportStatisticsEqualTheReferenceOnRandomSets_data() {
    QTest::addColumn<int>("images");
    QTest::addColumn<int>("classes");
    QTest::addColumn<int>("dim");
    QTest::addColumn<int>("seed");
    QTest::newRow("60x11x16") << 60 << 11 << 16 << 3;
    QTest::newRow("150x4x32") << 150 << 4 << 32 << 4;
    QTest::newRow("97x37x8") << 97 << 37 << 8 << 5;
  }
  void reportStatisticsEqualTheReferenceOnRandomSets() {
    QFETCH(int, images);
    QFETCH(int, classes);
    QFETCH(int, dim);
    QFETCH(int, seed);
    const RandomSet set = random_set(images, classes, dim, static_cast<uint64_t>(seed));
    protext::ScoringOptions options;
    options.logit_multiplier = 37.5;
    options.bootstrap = 300;
    options.seed = 11 + static_cast<uint64_t>(seed);
    const auto report = protext::score(set.images, set.classes,
                                       {{"given", set.weights}, {"noisy", perturbed(set.weights, 9)}}, "all", options);
    const QString tag = QString::number(images);
    const std::string predictions = (dir_.path() + "/predictions-" + tag + ".jsonl").toStdString();
    const std::string features = (dir_.path() + "/features-" + tag + ".npy").toStdString();
    const std::string weights = (dir_.path() + "/weights-" + tag + ".npy").toStdString();
    protext::write_predictions(report, predictions);
    protext::write_npy(features, set.images.features.contiguous().data_ptr<float>(), {images, dim});
    protext::write_npy(weights, set.weights.contiguous().data_ptr<float>(), {classes, dim});
    const auto want = nlohmann::json::parse(
        run_python("stats_reference.py", {QString::fromStdString(predictions), QString::number(options.bootstrap),
                                          QString::number(options.seed), QString::fromStdString(features),
                                          QString::fromStdString(weights), "37.5"})
            .toStdString());
    const auto got = protext::report_json(report);

    QVERIFY2(want["probabilities_max_error"].get<double>() < 1e-12, want.dump().c_str());
    QCOMPARE(got["paired"].size(), size_t(1));
    const auto& pair = got["paired"]["given|noisy"];
    const auto& ref = want["paired"]["given|noisy"];
    for (const char* key : {"both_right", "only_a", "only_b", "both_wrong"})
      QCOMPARE(pair[key].get<int64_t>(), ref[key].get<int64_t>());
    QVERIFY(pair["only_a"].get<int64_t>() + pair["only_b"].get<int64_t>() > 0);  // the methods do differ
    QVERIFY(close(pair["mcnemar_p"].get<double>(), ref["mcnemar_p"].get<double>(), 1e-10));
    for (const char* method : {"given", "noisy"}) {
      for (int side = 0; side < 2; ++side)
        QVERIFY2(close(got["ci95"][method][side].get<double>(), want["ci95"][method][side].get<double>()),
                 qPrintable(QString::fromStdString(got["ci95"].dump() + " vs " + want["ci95"].dump())));
      const auto& cal = got["calibration"][method];
      const auto& cal_ref = want["calibration"][method];
      QVERIFY(close(cal["ece"].get<double>(), cal_ref["ece"].get<double>()));
      for (size_t b = 0; b < 15; ++b) {
        QCOMPARE(cal["bins"][b]["count"].get<int64_t>(), cal_ref["bins"][b]["count"].get<int64_t>());
        QVERIFY(close(cal["bins"][b]["lo"].get<double>(), cal_ref["bins"][b]["lo"].get<double>()));
        if (cal_ref["bins"][b]["accuracy"].is_null()) {
          QVERIFY(cal["bins"][b]["accuracy"].is_null());
        } else {
          QVERIFY(close(cal["bins"][b]["accuracy"].get<double>(), cal_ref["bins"][b]["accuracy"].get<double>()));
          QVERIFY(close(cal["bins"][b]["confidence"].get<double>(), cal_ref["bins"][b]["confidence"].get<double>()));
        }
      }
    }
    const auto& hm = got["methods"]["given"]["base2novel"]["harmonic_mean_ci95"];
    QVERIFY(close(hm[0].get<double>(), want["harmonic_mean_ci95"][0].get<double>()));
    QVERIFY(close(hm[1].get<double>(), want["harmonic_mean_ci95"][1].get<double>()));
    QCOMPARE(got["bootstrap"]["resamples"].get<int64_t>(), options.bootstrap);
  }

  // Per class, the fixes and breaks of b against a add up to the discordant pairs.
  void fixesAndBreaksPerClassSumToTheDiscordantPairs() {
    const RandomSet set = random_set(120, 6, 12, 8);
    const auto report =
        protext::score(set.images, set.classes, {{"ensemble", perturbed(set.weights, 2)}, {"template", set.weights}}, "all");
    QCOMPARE(report.paired.size(), size_t(1));
    const auto& p = report.paired.front();
    QCOMPARE(p.a, std::string("template"));  // display order, not alphabetical
    QCOMPARE(p.b, std::string("ensemble"));
    int64_t fixes = 0, breaks = 0;
    for (size_t c = 0; c < set.classes.size(); ++c) {
      fixes += p.fixes[c];
      breaks += p.breaks[c];
      const auto& a = report.methods.at("template").confusion[c];
      const auto& b = report.methods.at("ensemble").confusion[c];
      QCOMPARE(b[c] - a[c], p.fixes[c] - p.breaks[c]);  // the change in the diagonal cell
    }
    QCOMPARE(fixes, p.counts.only_b);
    QCOMPARE(breaks, p.counts.only_a);
  }
};

PROTEXT_TEST_SUITE(EvalStatisticsTest)
#include "eval_statistics_test.moc"
