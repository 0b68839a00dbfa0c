#include "widgets/TrainSettingsJson.h"

namespace protext {

QJsonObject trainSettingsToJson(const TrainSettings& s) {
  return QJsonObject{{"preset", s.preset},     {"epochs", s.epochs},         {"steps", s.steps},
                     {"batch_size", s.batchSize}, {"full_batch", s.fullBatch}, {"shuffle", s.shuffle},
                     {"lr", s.lr},             {"weight_decay", s.weightDecay}, {"schedule", s.schedule},
                     {"loss", s.loss},         {"n_ctx", s.nCtx},             {"depth", s.depth},
                     {"template", s.textTemplate}, {"seed", s.seed}};
}

TrainSettings trainSettingsFromJson(const QJsonObject& j) {
  TrainSettings s;
  s.preset = j.value("preset").toString(s.preset);
  s.epochs = j.value("epochs").toInt(s.epochs);
  s.steps = j.value("steps").toInt(s.steps);
  s.batchSize = j.value("batch_size").toInt(s.batchSize);
  s.fullBatch = j.value("full_batch").toBool(s.fullBatch);
  s.shuffle = j.value("shuffle").toBool(s.shuffle);
  s.lr = j.value("lr").toDouble(s.lr);
  s.weightDecay = j.value("weight_decay").toDouble(s.weightDecay);
  s.schedule = j.value("schedule").toString(s.schedule);
  s.loss = j.value("loss").toString(s.loss);
  s.nCtx = j.value("n_ctx").toInt(s.nCtx);
  s.depth = j.value("depth").toInt(s.depth);
  s.textTemplate = j.value("template").toString(s.textTemplate);
  s.seed = j.value("seed").toInt(s.seed);
  return s;
}

}  // namespace protext
