#pragma once
#include <QVector>

#include "widgets/common/ImageVerdict.h"
#include "widgets/engine/EngineTypes.h"
#include "widgets/views/MethodComparisonView.h"

namespace protext {

// Probabilities of every class for one image embedding under `method` of `set`, from core's
// torch-free class_probabilities(): the arithmetic `protext classify` runs, here on the GUI
// thread because it is a few thousand multiply-adds, so a class-list edit redraws at once.
QVector<double> classProbabilities(const ClassifierSet& set, const QString& method, const QVector<float>& embedding);
// Top-k per method, in the set's method order; MethodPrediction::method is the method id.
QVector<MethodPrediction> predictTopK(const ClassifierSet& set, const QVector<float>& embedding, int k);
// predictTopK with a note-only entry for each of the set's unavailable methods, in the
// methods' usual order (template, ensemble, descriptions, protext): what the charts show.
// The methods' verdict on one image: right or wrong against `trueClass` (Unknown when it is
// empty or not a class), whether their top-1 classes differ, and the least confident top-1.
ImageVerdict judgeImage(const ClassifierSet& set, const QVector<float>& embedding, const QString& trueClass);
QVector<MethodPrediction> predictTopKWithNotes(const ClassifierSet& set, const QVector<float>& embedding, int k);

}  // namespace protext
