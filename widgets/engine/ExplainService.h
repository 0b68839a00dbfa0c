#pragma once
#include <QMap>
#include <QObject>
#include <atomic>

#include "widgets/engine/EngineTypes.h"
#include "widgets/engine/WorkerThread.h"

namespace protext {

// Why the methods answer as they do, on a thread of its own: heat maps of one image per
// method (what `protext explain` writes) and the embedding map of the classes,
// descriptions and images (what `protext embed-map` writes), and what the learned prompts
// mean per class. A newer request of a kind
// supersedes an older one still queued, so clicking through images builds no backlog.
class ExplainService : public QObject {
  Q_OBJECT
 public:
  explicit ExplainService(QObject* parent = nullptr);
  ~ExplainService() override;

 public slots:
  // Each method's top class for the image, or `className` for all when it is not empty.
  void explain(protext::ModelHandlePtr model, const protext::ClassifierSet& classifiers,
               const QMap<QString, QStringList>& descriptions, const QString& path, const QString& className = {});
  void buildMap(protext::ModelHandlePtr model, const protext::ClassifierSet& classifiers,
                const QMap<QString, QStringList>& descriptions, const QVector<protext::MapImage>& images);
  // Per class, the texts nearest its ProText embedding and how far it moved toward its
  // descriptions (what `protext interpret --classes` prints). Needs the ProText method.
  void readMeaning(protext::ModelHandlePtr model, const protext::ClassifierSet& classifiers,
                   const QMap<QString, QStringList>& descriptions);

 signals:
  void explained(const protext::ImageExplanation& explanation);
  void explainFailed(const QString& path, const QString& message);
  void mapReady(const protext::EmbeddingMap& map);
  void mapFailed(const QString& message);
  void meaningReady(const QVector<protext::ClassMeaningRow>& rows);
  void meaningFailed(const QString& message);

 private:
  WorkerThread worker_;
  std::atomic<int> explainGeneration_{0};
  std::atomic<int> mapGeneration_{0};
  std::atomic<int> meaningGeneration_{0};
};

}  // namespace protext
