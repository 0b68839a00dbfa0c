// protext describe's LLM source against an OpenAI-compatible server started here on
// 127.0.0.1 (tests/reference/openai_test_server.py, the stand-in for llama.cpp, Ollama or
// OpenAI: no LLM can run on this machine). What is sent, what is written, and every fault:
// 429 with Retry-After, 500, a slow answer, malformed JSON, a closed connection, a refused
// connection, the concurrency cap, the cache, cancellation, and the key kept out of output.
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include <signal.h>

#include "core/describe/llm_describe.h"
#include "core/error.h"
#include "support/fixtures.h"
#include "support/openai_test_server.h"
#include "support/suite.h"

using namespace protext;
using protext::test::json_lines;
using protext::test::run_cli;
using protext::test::TestServer;

namespace {

LlmEndpoint endpointOf(const TestServer& server, double timeout = 10) {
  LlmEndpoint e;
  e.url = server.url();
  e.model = "llama-3-8b-instruct";
  e.api_key = "sk-test-secret-1234";
  e.timeout_s = timeout;
  return e;
}

std::string failureOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

class LlmDescribeTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void eachQuestionIsAskedForSeveralAnswersAtTheGivenTemperature() {
    TestServer server(dir_.path());
    const LlmClient client(endpointOf(server));
    LlmDescribeOptions options;
    options.questions = {"Describe what a(n) {} looks like", "How can you identify a(n) {}?"};
    options.per_question = 3;
    options.temperature = 0.9;
    options.max_tokens = 50;
    options.jobs = 2;
    const auto described = describe_with_llm({"heron", "egret"}, client, options);
    QCOMPARE(described.requests, size_t(4));
    const auto requests = server.requests();
    QCOMPARE(requests.size(), size_t(4));
    for (const auto& r : requests) {
      QCOMPARE(r["path"].get<std::string>(), std::string("/v1/chat/completions"));
      QCOMPARE(r["authorization"].get<std::string>(), std::string("Bearer sk-test-secret-1234"));
      const auto& body = r["request"];
      QCOMPARE(body["model"].get<std::string>(), std::string("llama-3-8b-instruct"));
      QCOMPARE(body["temperature"].get<double>(), 0.9);
      QCOMPARE(body["max_tokens"].get<int>(), 50);
      QCOMPARE(body["n"].get<int>(), 3);
      QCOMPARE(body["messages"].size(), size_t(1));
      QCOMPARE(body["messages"][0]["role"].get<std::string>(), std::string("user"));
    }
    QCOMPARE(described.descriptions.size(), size_t(2));
    const auto& heron = described.descriptions.at("heron");
    QCOMPARE(heron.size(), size_t(6));  // 2 questions x 3 answers, cleaned of their padding
    QVERIFY(heron[0].rfind("Answer ", 0) == 0 && heron[0].find("to: Describe what a(n) heron looks like") != std::string::npos);
    QVERIFY(heron[0].back() != ' ');
  }

  void aServerThatIgnoresNIsAskedAgainUntilThereAreEnough() {
    TestServer server(dir_.path(), {"ignore-n"});
    LlmDescribeOptions options;
    options.questions = {"What does a(n) {} look like?"};
    options.per_question = 3;
    const auto described = describe_with_llm({"heron"}, LlmClient(endpointOf(server)), options);
    QCOMPARE(described.requests, size_t(3));
    QCOMPARE(described.descriptions.at("heron").size(), size_t(3));
  }

  void rateLimitsWaitAsRetryAfterSaysAndServerErrorsAreRetried() {
    {
      TestServer server(dir_.path(), {"429-once"});
      QElapsedTimer clock;
      clock.start();
      const auto answers = LlmClient(endpointOf(server)).complete({"Describe a heron", 0.9, 40, 1});
      QCOMPARE(answers.size(), size_t(1));
      QVERIFY2(clock.elapsed() >= 950, qPrintable(QString("%1 ms").arg(clock.elapsed())));  // Retry-After: 1
      QCOMPARE(server.requests().size(), size_t(2));
    }
    {
      TestServer server(dir_.path(), {"500-once"});
      QCOMPARE(LlmClient(endpointOf(server)).complete({"Describe a heron", 0.9, 40, 1}).size(), size_t(1));
      QCOMPARE(server.requests().size(), size_t(2));
    }
  }

  void aSlowAnswerTimesOutAndIsRetried() {
    TestServer server(dir_.path(), {"slow-once"}, 3.0);
    const auto answers = LlmClient(endpointOf(server, 1.0)).complete({"Describe a heron", 0.9, 40, 1});
    QCOMPARE(answers.size(), size_t(1));
    QCOMPARE(server.requests().size(), size_t(2));
  }

  void brokenAnswersAndRefusedConnectionsAreNamed() {
    {
      TestServer server(dir_.path(), {"malformed"});
      const std::string why = failureOf([&] { LlmClient(endpointOf(server)).complete({"Describe a heron", 0.9, 40, 1}); });
      QVERIFY2(why.find(server.url() + ": malformed response: not JSON") == 0, why.c_str());
    }
    {
      TestServer server(dir_.path(), {"close"});
      auto e = endpointOf(server);
      e.max_attempts = 2;
      const std::string why = failureOf([&] { LlmClient(e).complete({"Describe a heron", 0.9, 40, 1}); });
      QVERIFY2(why.find(server.url()) == 0 && why.find("after 2 attempts") != std::string::npos, why.c_str());
    }
    int free_port = 0;
    {
      TestServer gone(dir_.path());
      free_port = gone.port();
    }
    LlmEndpoint e;
    e.url = "http://127.0.0.1:" + std::to_string(free_port) + "/v1";
    e.model = "m";
    QElapsedTimer clock;
    clock.start();
    const std::string why = failureOf([&] { LlmClient(e).complete({"Describe a heron", 0.9, 40, 1}); });
    QVERIFY2(why == e.url + ": connection refused (is the server running?)", why.c_str());
    QVERIFY(clock.elapsed() < 1000);  // at once, no retries
  }

  void aRefusedKeyNeverAppearsInTheMessage() {
    TestServer server(dir_.path(), {"bad-key"});
    const std::string why = failureOf([&] { LlmClient(endpointOf(server)).complete({"Describe a heron", 0.9, 40, 1}); });
    QVERIFY2(why.find("HTTP 401: Incorrect API key provided: ***") != std::string::npos, why.c_str());
    QVERIFY(why.find("sk-test-secret") == std::string::npos);
  }

  void noMoreRequestsThanJobsAreInFlight() {
    TestServer server(dir_.path());
    LlmDescribeOptions options;
    options.per_question = 1;
    options.jobs = 3;
    std::vector<std::string> classes;
    for (int i = 0; i < 8; ++i) classes.push_back("bird " + std::to_string(i));
    const auto described = describe_with_llm(classes, LlmClient(endpointOf(server)), options);
    QCOMPARE(described.requests, size_t(40));  // 8 classes x CuPL's 5 questions
    size_t most = 0;
    for (const auto& r : server.requests()) most = std::max(most, r["max_in_flight"].get<size_t>());
    QVERIFY2(most <= 3 && most >= 2, qPrintable(QString::number(most)));
  }

  void aSecondRunIsAnsweredFromTheCache() {
    const QString cache = dir_.path() + "/cache";
    LlmDescribeOptions options;
    options.per_question = 2;
    options.cache_dir = cache.toStdString();
    TestServer server(dir_.path());
    const auto first = describe_with_llm({"heron", "egret"}, LlmClient(endpointOf(server)), options).descriptions;
    QCOMPARE(server.requests().size(), size_t(10));
    // The same endpoint, model, questions and temperature: nothing is sent.
    const auto again = describe_with_llm({"heron", "egret"}, LlmClient(endpointOf(server)), options);
    QCOMPARE(again.requests, size_t(0));
    QCOMPARE(server.requests().size(), size_t(10));
    QVERIFY(again.descriptions == first);
    // Another temperature is another question.
    options.temperature = 0.5;
    QCOMPARE(describe_with_llm({"heron"}, LlmClient(endpointOf(server)), options).requests, size_t(5));
  }

  void cancellingStopsWithinASecondAndKeepsWhatArrived() {
    TestServer server(dir_.path(), {"slow-always"}, 20.0);
    std::atomic<bool> cancel{false};
    LlmDescribeOptions options;
    options.jobs = 2;
    LlmDescribed described;
    std::thread run([&] { described = describe_with_llm({"heron", "egret"}, LlmClient(endpointOf(server, 60)), options, &cancel); });
    QTest::qWait(500);
    QElapsedTimer clock;
    clock.start();
    cancel = true;
    run.join();
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString("%1 ms").arg(clock.elapsed())));
    QVERIFY(described.cancelled);
    QVERIFY(described.descriptions.empty());
  }

  void ctrlCStopsTheCommandWithinASecond() {
    TestServer server(dir_.path(), {"slow-always"}, 30.0);
    const QString classes = dir_.path() + "/slow.txt", out = dir_.path() + "/slow.json";
    std::ofstream(classes.toStdString()) << "heron\negret\n";
    QProcess cli;
    cli.start(QString::fromStdString(std::getenv("PROTEXT_CLI")),
              {"describe", "--source", "llm", "--classes", classes, "--out", out, "--endpoint",
               QString::fromStdString(server.url()), "--llm-model", "m", "--no-cache"});
    QVERIFY(cli.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(server.requests().size() >= 1, 10000);  // a request is in flight
    QElapsedTimer clock;
    clock.start();
    ::kill(static_cast<pid_t>(cli.processId()), SIGINT);
    QVERIFY(cli.waitForFinished(5000));
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString("%1 ms").arg(clock.elapsed())));
    QCOMPARE(cli.exitCode(), 130);
    QVERIFY(cli.readAllStandardError().contains("interrupted"));
    QVERIFY(!QFile::exists(out));  // nothing had arrived, so nothing is written
  }

  void theCommandWritesCuplJsonAndNeverTheKey() {
    TestServer server(dir_.path());
    const QString classes = dir_.path() + "/birds.txt", out = dir_.path() + "/birds.json";
    std::ofstream(classes.toStdString()) << "heron\negret\n";
    qputenv("PROTEXT_TEST_LLM_KEY", "sk-live-do-not-leak");
    const auto r = run_cli({"describe", "--source", "llm", "--classes", classes, "--out", out, "--endpoint",
                            QString::fromStdString(server.url()), "--llm-model", "qwen2", "--api-key-env",
                            "PROTEXT_TEST_LLM_KEY", "--per-question", "2", "--no-cache"});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const auto lines = json_lines(r.out);
    QCOMPARE(lines.size(), size_t(2));
    QCOMPARE(lines[1]["class"].get<std::string>(), std::string("egret"));
    QCOMPARE(lines[1]["source"].get<std::string>(), std::string("llm"));
    QCOMPARE(lines[1]["descriptions"].size(), size_t(10));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    const auto cupl = nlohmann::json::parse(written.toStdString());
    QCOMPARE(cupl.size(), size_t(2));
    QCOMPARE(cupl["heron"].size(), size_t(10));
    for (const QByteArray& text : {r.out, r.err, written}) QVERIFY(!text.contains("sk-live-do-not-leak"));
    QCOMPARE(server.requests()[0]["authorization"].get<std::string>(), std::string("Bearer sk-live-do-not-leak"));
  }
};

PROTEXT_TEST_SUITE(LlmDescribeTest)
#include "llm_describe_test.moc"
