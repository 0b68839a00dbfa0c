#include "support/fixtures.h"

#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <algorithm>
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

nlohmann::json ClipShape::config() const {
  auto tower = [&](int width, int layers) {
    return nlohmann::json{{"width", width}, {"layers", layers}, {"heads", std::max(1, width / 64)},
                          {"mlp_width", width * mlp_ratio}};
  };
  nlohmann::json vision = tower(vision_width, vision_layers), text = tower(text_width, text_layers);
  vision["patch_size"] = patch_size;
  vision["image_size"] = image_size;
  text["context_length"] = context_length;
  text["vocab_size"] = 49408;
  return {{"embed_dim", embed_dim}, {"vision", vision}, {"text", text}};
}

void write_clip_fixture(const QString& dir, const ClipShape& shape, int seed) {
  run_python("clip_reference.py", {"fixture", dir, QString::fromStdString(shape.config().dump()), QString::number(seed)});
}

std::vector<nlohmann::json> json_lines(const QByteArray& out) {
  std::vector<nlohmann::json> lines;
  for (const QByteArray& line : out.split('\n'))
    if (!line.trimmed().isEmpty()) lines.push_back(nlohmann::json::parse(line.toStdString()));
  return lines;
}

QString write_file(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.flush())
    throw std::runtime_error("cannot write the test file " + path.toStdString());
  return path;
}

ProcessResult run_cli(const QStringList& args, const QByteArray& input) {
  return run(QString::fromStdString(required_env("PROTEXT_CLI")), args, input, 600000);
}

ProcessResult run_cli_limited(const QStringList& args, int megabytes) {
#ifdef PROTEXT_SANITIZE
  // AddressSanitizer reserves terabytes of address space for its shadow, so `ulimit -v`
  // cannot bound it; its own limit on resident memory stands in.
  const QString limit = QString("ASAN_OPTIONS=\"$ASAN_OPTIONS:hard_rss_limit_mb=%1\" exec").arg(megabytes);
#else
  const QString limit = QString("ulimit -v %1 && exec").arg(qint64(megabytes) * 1024);
#endif
  QStringList shell{"-c", limit + " \"$0\" \"$@\"", QString::fromStdString(required_env("PROTEXT_CLI"))};
  return run("/bin/sh", shell + args, {}, 600000);
}

ProcessResult run_shell(const QString& script, const QStringList& args) {
  return run("/bin/sh", QStringList{"-c", script} + args, {}, 600000);
}

void use_private_settings(const QString& dir) {
  QStandardPaths::setTestModeEnabled(true);
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
}

}  // namespace protext::test
