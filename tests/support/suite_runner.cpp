// Runs one Qt Test suite by name (`<tests> BpeTokenizerTest [qtest options]`), or every
// suite when no name is given. The caller makes the (Core or Widgets) application first.
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>
#include <cstring>
#include <vector>

#include "support/suite.h"

namespace protext::test {
std::map<std::string, SuiteFactory>& suites() {
  static std::map<std::string, SuiteFactory> registry;
  return registry;
}
}  // namespace protext::test

namespace protext::test {
int run_suites(int argc, char** argv) {
  // The suites, and the programs they start, keep their embeddings in a folder of this
  // run's own: never the user's cache, and no hit left over from an earlier run.
  QTemporaryDir cache;
  if (qEnvironmentVariableIsEmpty("PROTEXT_CACHE")) qputenv("PROTEXT_CACHE", cache.path().toUtf8());
  auto& suites = protext::test::suites();
  std::vector<char*> qtest_args{argv[0]};
  std::string only;
  if (argc > 1 && argv[1][0] != '-') {
    only = argv[1];
    if (!suites.count(only)) {
      std::fprintf(stderr, "no test suite named %s; suites:", only.c_str());
      for (const auto& [name, factory] : suites) std::fprintf(stderr, " %s", name.c_str());
      std::fprintf(stderr, "\n");
      return 2;
    }
    for (int i = 2; i < argc; ++i) qtest_args.push_back(argv[i]);
  } else {
    for (int i = 1; i < argc; ++i) qtest_args.push_back(argv[i]);
  }
  int failures = 0;
  for (const auto& [name, factory] : suites) {
    if (!only.empty() && name != only) continue;
    auto suite = factory();
    failures += QTest::qExec(suite.get(), static_cast<int>(qtest_args.size()), qtest_args.data());
  }
  return failures == 0 ? 0 : 1;
}
}  // namespace protext::test
