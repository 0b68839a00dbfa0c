#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <string>

#include <nlohmann/json.hpp>

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

// The shape of a random CLIP for a test; the defaults are tiny and fast.
struct ClipShape {
  int embed_dim = 32;
  int vision_width = 64, vision_layers = 2, patch_size = 8, image_size = 32;
  int text_width = 64, text_layers = 2, context_length = 77;
  int mlp_ratio = 4;
  nlohmann::json config() const;  // the form clip_reference.py reads (heads = width / 64)
};

// Writes a random CLIP of that shape into `dir` with tests/reference/clip_reference.py:
// model.safetensors, model.pt (TorchScript, fp16), hf/ and the reference outputs.
void write_clip_fixture(const QString& dir, const ClipShape& shape, int seed);

// The JSON objects of a JSON Lines output, blank lines skipped.
std::vector<nlohmann::json> json_lines(const QByteArray& out);

// Writes bytes to path and returns the path; throws std::runtime_error if it cannot.
QString write_file(const QString& path, const QByteArray& bytes);

// Settings (QSettings, QStandardPaths) of this test process only, as INI files in `dir`:
// never the user's, and no window geometry or recent file left from an earlier run.
void use_private_settings(const QString& dir);

// Runs the protext CLI and returns whatever happened; never throws.
ProcessResult run_cli(const QStringList& args, const QByteArray& input = {});
// The same with its address space capped (ulimit -v; in the sanitizer build, ASan's
// hard_rss_limit_mb), so a reader that does not bound what it allocates fails the test
// instead of swapping the machine.
ProcessResult run_cli_limited(const QStringList& args, int megabytes);
// /bin/sh -c `script` with $0, $1 … set to `args` and $PROTEXT_CLI to the CLI: for the
// arguments QProcess cannot pass (bytes that are not UTF-8).
ProcessResult run_shell(const QString& script, const QStringList& args);

}  // namespace protext::test
