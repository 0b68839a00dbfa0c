#include "widgets/engine/ExplainService.h"

#include <optional>

#include "core/image/decode.h"
#include "core/image/preprocess.h"
#include "core/protext/prompt_meaning.h"
#include "core/zeroshot/embedding_map.h"
#include "core/zeroshot/explain.h"
#include "core/zeroshot/templates.h"
#include "widgets/common/RgbImages.h"
#include "widgets/engine/EngineModel.h"

namespace protext {
namespace {

void require_classifiers(const ModelHandlePtr& model, const ClassifierSet& set) {
  if (!model) throw Error("explain", "no model is open");
  if (set.classes.isEmpty() || set.methods.isEmpty()) throw Error("explain", "there are no classifiers: add classes first");
}

}  // namespace

ExplainService::ExplainService(QObject* parent) : QObject(parent), worker_("protext-explain") {
  qRegisterMetaType<ImageExplanation>();
  qRegisterMetaType<EmbeddingMap>();
  qRegisterMetaType<QVector<ClassMeaningRow>>();
}

ExplainService::~ExplainService() { worker_.stop(); }

void ExplainService::explain(ModelHandlePtr model, const ClassifierSet& set, const QMap<QString, QStringList>& descriptions,
                             const QString& path, const QString& className) {
  const int generation = ++explainGeneration_;
  worker_.run(
      this,
      [this, generation, model, set, descriptions, path, className] {
        std::optional<ImageExplanation> out;
        if (generation != explainGeneration_.load()) return out;  // another image was asked for since
        require_classifiers(model, set);
        ClipModel& clip = *model->clip;
        const int size = static_cast<int>(clip.config().vision.image_size);
        const RgbImage seen = resize_and_center_crop(decode_image(path.toStdString()), size);
        const int classIndex = className.isEmpty() ? -1 : static_cast<int>(set.classes.indexOf(className));
        if (!className.isEmpty() && classIndex < 0)
          throw Error("explain", "'" + className.toStdString() + "' is not in the class list");
        const DescriptionSet texts = description_set(set.classes, descriptions, "the class list");
        const auto explanations = explain_image(clip, method_set(set), to_clip_tensor(seen), classIndex, &texts);
        out.emplace();
        out->path = path;
        out->seen = to_qimage(seen);
        for (const auto& e : explanations) {
          MethodHeat heat;
          heat.method = QString::fromStdString(method_name(e.method));
          heat.label = set.classes[e.class_index];
          heat.probability = e.probability;
          heat.rows = e.heat.rows;
          heat.cols = e.heat.cols;
          heat.heat = QVector<double>(e.heat.values.begin(), e.heat.values.end());
          for (const auto& d : e.descriptions) {
            heat.descriptions << QString::fromStdString(d.text);
            heat.descriptionCosines << d.cosine;
          }
          out->methods << heat;
        }
        return out;
      },
      [this, generation](const std::optional<ImageExplanation>& out) {
        if (out && generation == explainGeneration_.load()) emit explained(*out);
      },
      [this, generation, path](const QString& message) {
        if (generation == explainGeneration_.load()) emit explainFailed(path, message);
      });
}

void ExplainService::buildMap(ModelHandlePtr model, const ClassifierSet& set, const QMap<QString, QStringList>& descriptions,
                              const QVector<MapImage>& images) {
  const int generation = ++mapGeneration_;
  worker_.run(
      this,
      [this, generation, model, set, descriptions, images] {
        std::optional<EmbeddingMap> out;
        if (generation != mapGeneration_.load()) return out;
        require_classifiers(model, set);
        MapImages placed;
        std::vector<float> rows;
        for (const auto& image : images) {
          if (image.embedding.size() != set.dim) continue;  // encoded by another model
          rows.insert(rows.end(), image.embedding.begin(), image.embedding.end());
          placed.labels.push_back(image.label);
          placed.paths.push_back(image.path.toStdString());
        }
        if (!placed.paths.empty())
          placed.features = torch::from_blob(rows.data(), {static_cast<int64_t>(placed.paths.size()), set.dim},
                                             torch::kFloat32).clone();
        const DescriptionSet texts = description_set(set.classes, descriptions, "the class list");
        out = embedding_map(*model->clip, method_set(set), &texts, placed);
        return out;
      },
      [this, generation](const std::optional<EmbeddingMap>& out) {
        if (out && generation == mapGeneration_.load()) emit mapReady(*out);
      },
      [this, generation](const QString& message) {
        if (generation == mapGeneration_.load()) emit mapFailed(message);
      });
}

void ExplainService::readMeaning(ModelHandlePtr model, const ClassifierSet& set,
                                 const QMap<QString, QStringList>& descriptions) {
  const int generation = ++meaningGeneration_;
  worker_.run(
      this,
      [this, generation, model, set, descriptions] {
        std::optional<QVector<ClassMeaningRow>> out;
        if (generation != meaningGeneration_.load()) return out;
        require_classifiers(model, set);
        const DescriptionSet texts = description_set(set.classes, descriptions, "the class list");
        static const std::vector<std::string> templates = read_templates(default_template_set_path());
        const auto meaning = prompt_meaning(*model->clip, method_set(set), &texts, templates, 5);
        out.emplace();
        for (const auto& m : meaning) {
          ClassMeaningRow row;
          row.className = set.classes[m.class_index];
          row.hasDescriptions = m.has_descriptions;
          row.before = m.template_to_centroid;
          row.after = m.protext_to_centroid;
          for (const auto& t : m.nearest) {
            row.nearest << QString::fromStdString(t.text);
            row.nearestOwners << set.classes[t.class_index];
            row.nearestIsTemplate << t.is_template;
            row.nearestCosines << t.cosine;
          }
          out->push_back(row);
        }
        return out;
      },
      [this, generation](const std::optional<QVector<ClassMeaningRow>>& out) {
        if (out && generation == meaningGeneration_.load()) emit meaningReady(*out);
      },
      [this, generation](const QString& message) {
        if (generation == meaningGeneration_.load()) emit meaningFailed(message);
      });
}

}  // namespace protext
