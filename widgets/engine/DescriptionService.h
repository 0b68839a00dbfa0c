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
  bool running() const;

 public slots:
  void start(const QStringList& classes);
  void cancel();

 signals:
  void progress(int done, int total);
  void finished(const protext::DescribedClasses& result);

 private:
  QString wordnet_dir_;
  QThread* thread_ = nullptr;
  std::shared_ptr<std::atomic<bool>> cancel_;
};

}  // namespace protext

Q_DECLARE_METATYPE(protext::DescribedClasses)
