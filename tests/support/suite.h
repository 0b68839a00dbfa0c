#pragma once
#include <QObject>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace protext::test {

using SuiteFactory = std::function<std::unique_ptr<QObject>()>;
std::map<std::string, SuiteFactory>& suites();
// Runs the suite named by argv[1], or all of them; returns the process exit code.
int run_suites(int argc, char** argv);

struct SuiteRegistration {
  SuiteRegistration(const char* name, SuiteFactory factory) { suites()[name] = std::move(factory); }
};

}  // namespace protext::test

// Put at column 0 after the test class: CMake reads the suite name from this line.
#define PROTEXT_TEST_SUITE(Class)                                   \
  static const protext::test::SuiteRegistration Class##Registration{ \
      #Class, [] { return std::unique_ptr<QObject>(new Class); }};
