#pragma once
#include <QImage>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>
#include <memory>

#include "core/protext/train_config.h"    // torch-free: the app uses the core's TrainConfig as it is
#include "core/protext/train_progress.h"  // and its TrainProgress
#include "core/zeroshot/map_point.h"        // and its embedding map

namespace protext {

// Plain Qt values that cross from the engine threads to the widgets. The widgets never
// see a LibTorch type; these are copies made on the worker side.

struct ModelInfo {
  QString path, format, device, precision, fingerprint;
  int embedDim = 0;
  int visionWidth = 0, visionLayers = 0, visionHeads = 0, patchSize = 0, imageSize = 0;
  int textWidth = 0, textLayers = 0, textHeads = 0, contextLength = 0, vocabSize = 0;
  qint64 parameters = 0;
  bool embedded = false;  // the shipped mini model
};

// Zero-shot classifiers of one class list: per method a [classes × dim] row-major matrix
// of L2-normalised rows. "template", "ensemble", "descriptions", "protext".
struct ClassifierSet {
  QStringList classes;
  QStringList methods;                    // method ids (core's method_name), only those built
  QMap<QString, QVector<float>> weights;  // method → rows
  int dim = 0;
  double logitMultiplier = 100.0;         // core's logit_multiplier(): applied to cosines
  QStringList notes;                      // why a method is missing (e.g. classes without descriptions)
  // Methods that could not run for this class list, with what to do about it in a user's
  // words; their charts stay on screen with this text. Not "protext" before training.
  QMap<QString, QString> unavailable;
  int generation = 0;                     // which setClasses() request this answers
};

// One training run as the app asks for it: the core's configuration and this run's files.
struct TrainRequest {
  TrainConfig config;
  QString outPath;     // checkpoint, written every epoch
  QString resumePath;  // continue this checkpoint's run; empty: a new run
};

// The learned context vectors' nearest vocabulary words: words[i] and cosines[i] for
// context vector i.
struct PromptWords {
  QVector<QStringList> words;
  QVector<QVector<double>> cosines;
};

// Why one method scores one class as it does for one image (core's MethodExplanation).
struct MethodHeat {
  QString method;  // core's method id
  QString label;   // the class explained
  double probability = 0;
  int rows = 0, cols = 0;
  QVector<double> heat;  // rows × cols patch relevance, summing to 1
  // The Descriptions method: the class's descriptions, the best match with the image first.
  QStringList descriptions;
  QVector<double> descriptionCosines;
};

struct ImageExplanation {
  QString path;
  QImage seen;  // what the model saw: the centre crop at its input size
  QVector<MethodHeat> methods;
};

// What ProText did to one class (core's ClassMeaning): the texts nearest its embedding,
// and its cosine with its own descriptions' mean before (single template) and after.
struct ClassMeaningRow {
  QString className;
  bool hasDescriptions = false;
  double before = 0, after = 0;
  QStringList nearest;  // descriptions and filled templates, nearest first
  QStringList nearestOwners;  // the class each belongs to
  QVector<bool> nearestIsTemplate;
  QVector<double> nearestCosines;
};

// An image to place on the embedding map.
struct MapImage {
  QString path;
  int label = -1;  // index into the class list; -1: no true class known
  QVector<float> embedding;
};

// The engine-side model, opaque to widgets (a ClipModel inside).
struct ModelHandle;
using ModelHandlePtr = std::shared_ptr<ModelHandle>;

}  // namespace protext

Q_DECLARE_METATYPE(protext::ModelInfo)
Q_DECLARE_METATYPE(protext::ClassifierSet)
Q_DECLARE_METATYPE(protext::TrainProgress)
Q_DECLARE_METATYPE(protext::PromptWords)
Q_DECLARE_METATYPE(protext::TrainConfig)
Q_DECLARE_METATYPE(protext::TrainRequest)
Q_DECLARE_METATYPE(protext::ModelHandlePtr)
Q_DECLARE_METATYPE(protext::ImageExplanation)
Q_DECLARE_METATYPE(protext::EmbeddingMap)
Q_DECLARE_METATYPE(QVector<protext::ClassMeaningRow>)
