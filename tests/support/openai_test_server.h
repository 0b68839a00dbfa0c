#pragma once
#include <QFile>
#include <QProcess>
#include <QString>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/fixtures.h"

namespace protext::test {

// tests/reference/openai_test_server.py on 127.0.0.1 and a free port: the stand-in for an
// OpenAI-compatible LLM server (no LLM can run here), with the faults it is asked to show.
// One process per test; stopped when it goes out of scope.
class TestServer {
 public:
  TestServer(const QString& dir, const QStringList& faults = {}, double slow = 3.0) : log_(dir + "/requests.jsonl") {
    QFile::remove(log_);
    QStringList args{reference_script("openai_test_server.py"), "--log", log_, "--slow", QString::number(slow)};
    for (const QString& f : faults) args << "--fault" << f;
    process_.start(QString::fromStdString(std::getenv("PROTEXT_PYTHON")), args);
    process_.waitForReadyRead(10000);
    port_ = QString::fromUtf8(process_.readLine()).trimmed().toInt();
  }
  ~TestServer() {
    process_.kill();
    process_.waitForFinished(3000);
  }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  std::vector<nlohmann::json> requests() const {
    std::vector<nlohmann::json> out;
    std::ifstream in(log_.toStdString());
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    return out;
  }

 private:
  QString log_;
  QProcess process_;
  int port_ = 0;
};

}  // namespace protext::test
