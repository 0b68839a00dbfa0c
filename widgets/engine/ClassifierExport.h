#pragma once
#include <QString>
#include <QStringList>

#include "widgets/engine/EngineTypes.h"

namespace protext {

// Writes one method of the classifiers on screen as `protext export-classifier` writes it
// (core's write_classifier: .safetensors, or .npy with a .json beside it), with the open
// model's fingerprint. Returns the files written; throws Error naming the problem.
QStringList exportClassifier(const ClassifierSet& set, const QString& method, const QString& modelFingerprint,
                             const QString& path);

}  // namespace protext
