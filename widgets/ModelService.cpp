#include "widgets/ModelService.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMetaObject>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/protext/interpret.h"
#include "core/protext/prompt_conversion.h"
#include "core/protext/prompts.h"
#include "core/runtime/resources.h"
#include "core/zeroshot/classifier.h"
#include "core/zeroshot/descriptions.h"
#include "core/zeroshot/templates.h"
#ifdef PROTEXT_WITH_IMAGES
#include "core/image/preprocess.h"
#endif
#include "widgets/EngineModel.h"

namespace protext {

ModelInfo describe_model(ClipModel& clip, const QString& device, bool embedded) {
  const auto& c = clip.config();
  ModelInfo i;
  i.path = QString::fromStdString(clip.path());
  i.format = QString::fromStdString(format_name(clip.format()));
  i.device = device;
  i.precision = clip.dtype() == torch::kFloat32 ? "fp32" : clip.dtype() == torch::kBFloat16 ? "bf16" : "fp16";
  i.fingerprint = QString::fromStdString(clip.fingerprint());
  i.embedDim = static_cast<int>(c.embed_dim);
  i.visionWidth = static_cast<int>(c.vision.width);
  i.visionLayers = static_cast<int>(c.vision.layers);
  i.visionHeads = static_cast<int>(c.vision.heads);
  i.patchSize = static_cast<int>(c.vision.patch_size);
  i.imageSize = static_cast<int>(c.vision.image_size);
  i.textWidth = static_cast<int>(c.text.width);
  i.textLayers = static_cast<int>(c.text.layers);
  i.textHeads = static_cast<int>(c.text.heads);
  i.contextLength = static_cast<int>(c.text.context_length);
  i.vocabSize = static_cast<int>(c.text.vocab_size);
  i.parameters = clip.parameter_count();
  i.embedded = embedded;
  return i;
}

QVector<float> to_qvector(const torch::Tensor& t) {
  const auto c = t.to(torch::kCPU, torch::kFloat32).contiguous();
  return QVector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

torch::Tensor from_qvector(const QVector<float>& v, int64_t rows, int64_t dim) {
  return torch::from_blob(const_cast<float*>(v.constData()), {rows, dim}, torch::kFloat32).clone();
}

QStringList classes_without_descriptions(const QStringList& classes, const QMap<QString, QStringList>& descriptions) {
  QStringList without;
  for (const auto& c : classes)
    if (descriptions.value(c).isEmpty()) without << c;
  return without;
}

DescriptionSet description_set(const QStringList& classes, const QMap<QString, QStringList>& descriptions,
                               const std::string& source) {
  nlohmann::json cupl = nlohmann::json::object();
  for (const auto& c : classes) {
    const QStringList texts = descriptions.value(c);
    if (texts.isEmpty()) continue;
    auto& list = cupl[c.toStdString()] = nlohmann::json::array();
    for (const auto& d : texts) list.push_back(d.toStdString());
  }
  if (cupl.empty()) return DescriptionSet{{}, {}, source};
  return parse_cupl_json(cupl.dump(), source);
}

// Worker-side state: only touched on the worker thread.
struct ModelService::State {
  ModelHandlePtr handle;
  std::mutex handle_mutex;  // handle() is read from the GUI thread
  PromptLearner prompts{nullptr};
  QString prompts_template;
  QHash<QString, QVector<float>> image_cache;  // key: path + size + mtime
  std::vector<std::string> ensemble_templates;  // read once, not on every class-list edit
};

namespace {

QString image_key(const QString& path) {
  const QFileInfo info(path);
  return info.absoluteFilePath() + '|' + QString::number(info.size()) + '|' +
         QString::number(info.lastModified().toMSecsSinceEpoch());
}

QString message_of(const std::exception& e) { return QString::fromUtf8(e.what()); }

}  // namespace

ModelService::ModelService(QObject* parent) : QObject(parent), worker_("protext-model"), state_(std::make_shared<State>()) {
  qRegisterMetaType<ModelInfo>();
  qRegisterMetaType<ClassifierSet>();
  qRegisterMetaType<PromptWords>();
}

ModelService::~ModelService() {
  worker_.stop();
}

QStringList ModelService::availableDevices() {
  QStringList devices{"cpu"};
  if (torch::cuda::is_available())
    for (size_t i = 0; i < torch::cuda::device_count(); ++i) devices << QString("cuda:%1").arg(i);
  return devices;
}

QString ModelService::embeddedModelPath() { return QString::fromStdString(embedded_model_path()); }

ModelHandlePtr ModelService::handle() const {
  std::lock_guard<std::mutex> lock(state_->handle_mutex);
  return state_->handle;
}

void ModelService::post(std::function<void()> work) {
  if (pending_.fetch_add(1) == 0) emit busyChanged(true);
  worker_.post([this, work = std::move(work)] {
    work();
    QMetaObject::invokeMethod(this, [this] {
      if (pending_.fetch_sub(1) == 1) emit busyChanged(false);
    });
  });
}

void ModelService::open(const QString& path, const QString& device) {
  emit opening(path);
  auto state = state_;
  post([this, state, path, device] {
    try {
      LoadOptions options;
      options.device = device.toStdString();
      auto clip = ClipModel::open(QDir::cleanPath(path).toStdString(), options);
      const bool embedded = QFileInfo(path).canonicalFilePath() == QFileInfo(embeddedModelPath()).canonicalFilePath();
      const ModelInfo info = describe_model(*clip, device, embedded);
      {
        std::lock_guard<std::mutex> lock(state->handle_mutex);
        state->handle = std::make_shared<ModelHandle>(ModelHandle{clip});
      }
      state->prompts = nullptr;
      state->image_cache.clear();
      QMetaObject::invokeMethod(this, [this, info] {
        info_ = info;
        promptsPath_.clear();
        emit opened(info);
        rebuildClassifiers();
      });
    } catch (const std::exception& e) {
      const QString message = message_of(e);
      QMetaObject::invokeMethod(this, [this, path, message] { emit openFailed(path, message); });
    }
  });
}

void ModelService::setClasses(const QStringList& classes, const QMap<QString, QStringList>& descriptions,
                              const QString& textTemplate) {
  classes_ = classes;
  descriptions_ = descriptions;
  template_ = textTemplate;
  rebuildClassifiers();
}

void ModelService::rebuildClassifiers() {
  const int generation = ++generation_;
  auto state = state_;
  const QStringList classes = classes_;
  const QMap<QString, QStringList> descriptions = descriptions_;
  const QString text_template = template_;
  post([this, state, generation, classes, descriptions, text_template] {
    // A newer request is queued behind this one: let it do the work.
    if (generation != generation_.load()) return;
    if (!state->handle) return;
    ClassifierSet set;
    set.generation = generation;
    set.classes = classes;
    try {
      ClipModel& clip = *state->handle->clip;
      set.logitScale = std::min(clip.logit_scale(), 100.0);
      set.dim = static_cast<int>(clip.config().embed_dim);
      std::vector<std::string> names;
      for (const auto& c : classes) names.push_back(c.toStdString());
      if (!names.empty()) {
        auto add = [&](const QString& method, const torch::Tensor& weights) {
          set.methods << method;
          set.weights[method] = to_qvector(weights);
        };
        add("template", template_classifier(clip, names, text_template.toStdString()));
        if (state->ensemble_templates.empty()) state->ensemble_templates = read_templates(default_template_set_path());
        add("ensemble", ensemble_classifier(clip, names, state->ensemble_templates));
        const QStringList without = classes_without_descriptions(classes, descriptions);
        if (without.isEmpty()) {
          add("descriptions", description_classifier(clip, names, description_set(classes, descriptions, "descriptions")));
        } else {
          set.notes << QObject::tr("LLM descriptions: %n class(es) without descriptions (%1)", nullptr, without.size())
                           .arg(without.mid(0, 3).join(", ") + (without.size() > 3 ? ", …" : ""));
        }
        if (state->prompts)
          add("protext", protext_classifier(clip, state->prompts, names, state->prompts_template.toStdString()));
      }
      QMetaObject::invokeMethod(this, [this, set] {
        if (set.generation == generation_.load()) emit classifiersReady(set);
      });
    } catch (const std::exception& e) {
      const QString message = message_of(e);
      QMetaObject::invokeMethod(this, [this, message] { emit classifiersFailed(message); });
    }
  });
}

void ModelService::loadPrompts(const QString& path) {
  auto state = state_;
  post([this, state, path] {
    try {
      if (!state->handle) throw Error(path.toStdString(), "open a model before loading prompts");
      ClipModel& clip = *state->handle->clip;
      auto loaded = load_prompts(path.toStdString(), clip);
      QString text_template = kDefaultTemplate;
      if (loaded.metadata.contains("template") && loaded.metadata["template"].is_string())
        text_template = QString::fromStdString(loaded.metadata["template"].get<std::string>());
      PromptWords words;
      for (const auto& row : nearest_tokens(clip, loaded.learner->ctx.detach(), 5)) {
        QStringList w;
        QVector<double> cos;
        for (const auto& t : row) {
          w << QString::fromStdString(t.token);
          cos << t.cosine;
        }
        words.words << w;
        words.cosines << cos;
      }
      state->prompts = loaded.learner;
      state->prompts_template = text_template;
      const QString warning = QString::fromStdString(loaded.warning);
      QMetaObject::invokeMethod(this, [this, path, warning, words] {
        promptsPath_ = path;
        emit promptsLoaded(path, warning, words);
        rebuildClassifiers();
      });
    } catch (const std::exception& e) {
      const QString message = message_of(e);
      QMetaObject::invokeMethod(this, [this, path, message] { emit promptsFailed(path, message); });
    }
  });
}

void ModelService::clearPrompts() {
  auto state = state_;
  post([state] { state->prompts = nullptr; });
  promptsPath_.clear();
  rebuildClassifiers();
}

void ModelService::exportPrompts(const QString& path) {
  const QString source = promptsPath_;
  post([this, source, path] {
    try {
      if (source.isEmpty()) throw Error(path.toStdString(), "no prompts are loaded to export");
      convert_prompts(source.toStdString(), path.toStdString());
      QMetaObject::invokeMethod(this, [this, path] { emit promptsExported(path); });
    } catch (const std::exception& e) {
      const QString message = message_of(e);
      QMetaObject::invokeMethod(this, [this, path, message] { emit promptsFailed(path, message); });
    }
  });
}

void ModelService::encodeImages(const QStringList& paths) {
  auto state = state_;
  for (const QString& path : paths) {
    post([this, state, path] {
      try {
        if (!state->handle) throw Error(path.toStdString(), "no model is open");
#ifdef PROTEXT_WITH_IMAGES
        const QString key = image_key(path);
        QVector<float> embedding = state->image_cache.value(key);
        if (embedding.isEmpty()) {
          ClipModel& clip = *state->handle->clip;
          const auto pixels = preprocess_image(path.toStdString(), static_cast<int>(clip.config().vision.image_size));
          embedding = to_qvector(clip.encode_images(pixels.unsqueeze(0)));
          state->image_cache.insert(key, embedding);
        }
        QMetaObject::invokeMethod(this, [this, path, embedding] { emit imageEncoded(path, embedding); });
#else
        throw Error(path.toStdString(), "this build has no image support");
#endif
      } catch (const std::exception& e) {
        const QString message = message_of(e);
        QMetaObject::invokeMethod(this, [this, path, message] { emit imageFailed(path, message); });
      }
    });
  }
}

}  // namespace protext
