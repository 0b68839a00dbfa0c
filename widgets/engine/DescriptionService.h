#pragma once
#include <QMap>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>

class QThread;

namespace protext {

// What describing a class list produced: descriptions for the classes the source knows,
// the ones it does not (left out, never invented), and a note where it had to choose (a
// word with several senses).
struct DescribedClasses {
  QMap<QString, QStringList> descriptions;
  QStringList unknown;
  QMap<QString, QString> notes;
  QString error;  // set when the source itself failed (no WordNet here)
  bool cancelled = false;
};

// Writes descriptions for classes on a worker thread, the app's side of `protext
// describe`: the same core functions, so both write the same sentences. Progress per class,
// cancellable between classes.
class DescriptionService : public QObject {
  Q_OBJECT
 public:
  explicit DescriptionService(QObject* parent = nullptr);
  ~DescriptionService() override;

  // WordNet's data folder (core's default_wordnet_dir() unless set).
  void setWordNetDir(const QString& dir) { wordnet_dir_ = dir; }
  // Ask an OpenAI-compatible server instead of WordNet (CuPL's questions, three answers
  // each), sending `apiKey` (ApiKeyStore's) when there is one. An empty endpoint goes back
  // to WordNet.
  void setLlm(const QString& endpoint, const QString& model, const QString& cacheDir = {},
              const QString& apiKey = {});
  bool usesLlm() const { return !llm_endpoint_.isEmpty(); }
  bool running() const;

 public slots:
  void start(const QStringList& classes);
  void cancel();

 signals:
  void progress(int done, int total);
  void finished(const protext::DescribedClasses& result);

 private:
  QString wordnet_dir_;
  QString llm_endpoint_, llm_model_, llm_cache_, llm_key_;
  QThread* thread_ = nullptr;
  std::shared_ptr<std::atomic<bool>> cancel_;
  bool busy_ = false;  // from start() until finished() is delivered here
};

}  // namespace protext

Q_DECLARE_METATYPE(protext::DescribedClasses)
