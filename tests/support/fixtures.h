#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <string>

// What the suites share: the reference Python (Debian's python3 with python3-torch),
// the third-party data in ../shared/data, and the protext CLI. Paths come from CTest's
// environment (tests/CMakeLists.txt), so a suite runs the same from any directory.
namespace protext::test {

std::string shared_data(const std::string& relative);   // ../shared/data/<relative>
std::string source_path(const std::string& relative);   // <repo>/<relative>
QString reference_script(const QString& name);          // tests/reference/<name>

struct ProcessResult {
  int exit_code = -1;
  QByteArray out;
  QByteArray err;
};

// Runs a reference script; throws std::runtime_error carrying its stderr if it fails.
QByteArray run_python(const QString& script, const QStringList& args, const QByteArray& input = {});

// Runs the protext CLI and returns whatever happened; never throws.
ProcessResult run_cli(const QStringList& args, const QByteArray& input = {});

}  // namespace protext::test
