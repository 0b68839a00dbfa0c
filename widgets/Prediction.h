#pragma once
#include <QVector>

#include "widgets/EngineTypes.h"
#include "widgets/MethodComparisonView.h"

namespace protext {

// Probabilities of every class for one image embedding under each method of `set`:
// softmax(logitScale · cosine), computed here on the GUI thread because it is a few
// thousand multiply-adds, so a class-list edit redraws every chart at once.
QVector<double> classProbabilities(const ClassifierSet& set, const QString& method, const QVector<float>& embedding);
// Top-k per method, in the set's method order, with display names for the methods.
QVector<MethodPrediction> predictTopK(const ClassifierSet& set, const QVector<float>& embedding, int k);
QString methodDisplayName(const QString& method);

}  // namespace protext
