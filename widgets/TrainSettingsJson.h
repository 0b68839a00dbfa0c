#pragma once
#include <QJsonObject>

#include "widgets/EngineTypes.h"

namespace protext {

// Training settings as JSON, with the core trainer's keys (TrainConfig::to_json: batch_size,
// n_ctx, ...), so a .protext project and a checkpoint's metadata read the same way. Fields
// missing from the JSON keep their defaults, so older files open.
QJsonObject trainSettingsToJson(const TrainSettings& settings);
TrainSettings trainSettingsFromJson(const QJsonObject& json);

}  // namespace protext
