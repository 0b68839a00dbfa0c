#include "support/fixtures.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <stdexcept>

namespace protext::test {
namespace {

std::string required_env(const char* name) {
  const QByteArray value = qgetenv(name);
  if (value.isEmpty())
    throw std::runtime_error(std::string(name) + " is not set: run the suites through ctest");
  return value.toStdString();
}

ProcessResult run(const QString& program, const QStringList& args, const QByteArray& input,
                  int timeout_ms) {
  QProcess process;
  process.start(program, args);
  ProcessResult result;
  if (!process.waitForStarted(30000)) {
    result.err = ("cannot start " + program).toUtf8();
    return result;
  }
  if (!input.isEmpty()) process.write(input);
  process.closeWriteChannel();
  if (!process.waitForFinished(timeout_ms)) {
    process.kill();
    process.waitForFinished();
    result.err = (program + " timed out").toUtf8();
    return result;
  }
  result.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  result.out = process.readAllStandardOutput();
  result.err = process.readAllStandardError();
  return result;
}

}  // namespace

std::string shared_data(const std::string& relative) {
  return required_env("PROTEXT_SHARED_DATA") + "/" + relative;
}

std::string source_path(const std::string& relative) {
  return required_env("PROTEXT_SOURCE_DIR") + "/" + relative;
}

QString reference_script(const QString& name) {
  return QString::fromStdString(required_env("PROTEXT_REFERENCE_DIR")) + "/" + name;
}

QByteArray run_python(const QString& script, const QStringList& args, const QByteArray& input) {
  const QString python = QString::fromStdString(required_env("PROTEXT_PYTHON"));
  ProcessResult result = run(python, QStringList{reference_script(script)} + args, input, 600000);
  if (result.exit_code != 0)
    throw std::runtime_error("reference script " + script.toStdString() + " failed: " +
                             result.err.toStdString());
  return result.out;
}

ProcessResult run_cli(const QStringList& args, const QByteArray& input) {
  return run(QString::fromStdString(required_env("PROTEXT_CLI")), args, input, 600000);
}

}  // namespace protext::test
