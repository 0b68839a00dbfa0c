#include "widgets/engine/ModelService.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMetaObject>
#include <algorithm>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/protext/interpret.h"
#include "core/protext/prompt_conversion.h"
#include "core/protext/prompts.h"
#include "core/runtime/cache_dir.h"
#include "core/runtime/resources.h"
#include "core/zeroshot/method_set.h"
#include "core/zeroshot/probabilities.h"
#ifdef PROTEXT_WITH_IMAGES
#include "core/image/preprocess.h"
#endif
#include "widgets/engine/EngineModel.h"

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

MethodSet method_set(const ClassifierSet& set) {
  MethodSet methods;
  for (const QString& c : set.classes) methods.classes.push_back(c.toStdString());
  methods.logit_multiplier = set.logitMultiplier;
  for (const QString& id : set.methods)
    if (const auto method = method_from_name(id.toStdString()))
      methods.methods.push_back({*method, from_qvector(set.weights.value(id), set.classes.size(), set.dim)});
  return methods;
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
  std::string prompts_template;
  QHash<QString, QVector<float>> image_cache;  // key: path + size + mtime
  std::vector<std::string> ensemble_templates;  // read once, not on every class-list edit
};

namespace {

// Text embeddings kept for the open model: about 60,000 ViT-B rows (600 classes with 80
// templates and 16 descriptions each).
constexpr size_t kTextMemoBytes = size_t(128) << 20;

QString image_key(const QString& path) {
  const QFileInfo info(path);
  return info.absoluteFilePath() + '|' + QString::number(info.size()) + '|' +
         QString::number(info.lastModified().toMSecsSinceEpoch());
}

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

template <typename Work, typename Done, typename Failed>
void ModelService::run(Work work, Done done, Failed failed) {
  if (pending_.fetch_add(1) == 0) emit busyChanged(true);
  auto finished = [this] {
    if (pending_.fetch_sub(1) == 1) emit busyChanged(false);
  };
  using Result = std::invoke_result_t<Work&>;
  if constexpr (std::is_void_v<Result>) {
    worker_.run(
        this, std::move(work), [done, finished]() mutable { done(), finished(); },
        [failed, finished](const QString& message) mutable { failed(message), finished(); });
  } else {
    worker_.run(
        this, std::move(work), [done, finished](const Result& result) mutable { done(result), finished(); },
        [failed, finished](const QString& message) mutable { failed(message), finished(); });
  }
}

void ModelService::open(const QString& path, const QString& device) {
  emit opening(path);
  auto state = state_;
  const std::string cacheRoot = embedding_cache_root(cacheDir_.toStdString());
  run(
      [state, path, device, cacheRoot] {
        LoadOptions options;
        options.device = device.toStdString();
        auto clip = ClipModel::open(QDir::cleanPath(path).toStdString(), options);
        // A class edit then encodes only the texts it changed, not every class's 80
        // templates, and a model opened again encodes only texts no session has seen.
        TextCacheOptions cache;
        cache.memory_bytes = kTextMemoBytes;
        cache.disk_root = cacheRoot;
        clip->cache_text_embeddings(cache);
        const bool embedded = QFileInfo(path).canonicalFilePath() == QFileInfo(embeddedModelPath()).canonicalFilePath();
        const ModelInfo info = describe_model(*clip, device, embedded);
        {
          std::lock_guard<std::mutex> lock(state->handle_mutex);
          state->handle = std::make_shared<ModelHandle>(ModelHandle{clip});
        }
        state->prompts = nullptr;
        state->image_cache.clear();
        return info;
      },
      [this](const ModelInfo& info) {
        info_ = info;
        promptsPath_.clear();
        emit opened(info);
        rebuildClassifiers();
      },
      [this, path](const QString& message) { emit openFailed(path, message); });
}

void ModelService::setClasses(const QStringList& classes, const QMap<QString, QStringList>& descriptions,
                              const QString& textTemplate) {
  classes_ = classes;
  descriptions_ = descriptions;
  template_ = textTemplate;
  rebuildClassifiers();
}

namespace {

// What the Descriptions chart says in place of bars when core skipped the method: which
// classes lack descriptions (the first few by name) and where to add them.
QString missingDescriptionsNote(const QStringList& classes, const QMap<QString, QStringList>& descriptions) {
  QStringList missing;
  for (const QString& c : classes)
    if (descriptions.value(c).isEmpty()) missing << c;
  if (missing.size() == classes.size())
    return ModelService::tr("No class has descriptions yet. Type them in the Classes panel, or import a "
                            "descriptions file (Edit → Import Descriptions…).");
  constexpr int kNamed = 5;
  QStringList named;
  for (int i = 0; i < std::min<int>(kNamed, missing.size()); ++i) named << QStringLiteral("'%1'").arg(missing[i]);
  QString list = named.join(QStringLiteral(", "));
  if (missing.size() > kNamed) list = ModelService::tr("%1 and %n more", nullptr, int(missing.size()) - kNamed).arg(list);
  return ModelService::tr("Not shown: %n classes without descriptions (%1). Add descriptions for them in the "
                          "Classes panel to compare this method.",
                          nullptr, int(missing.size()))
      .arg(list);
}

// The app's class list and descriptions as core's method inputs.
ClassifierSet build_classifiers(ModelService::State& state, ClipModel& clip, const QStringList& classes,
                                const QMap<QString, QStringList>& descriptions, const QString& text_template) {
  ClassifierSet set;
  set.classes = classes;
  set.logitMultiplier = logit_multiplier(clip.logit_scale());
  set.dim = static_cast<int>(clip.config().embed_dim);
  if (classes.isEmpty()) return set;
  MethodInputs in;
  for (const auto& c : classes) in.classes.push_back(c.toStdString());
  in.text_template = text_template.toStdString();
  if (state.ensemble_templates.empty()) state.ensemble_templates = read_templates(default_template_set_path());
  in.ensemble_templates = state.ensemble_templates;
  const DescriptionSet described = description_set(classes, descriptions, "descriptions");
  if (!described.by_key.empty()) in.descriptions = described;
  in.prompts = state.prompts;
  in.prompts_template = state.prompts_template;
  const MethodSet built = build_method_set(clip, in);
  for (const auto& m : built.methods) {
    const QString id = QString::fromStdString(method_name(m.method));
    set.methods << id;
    set.weights[id] = to_qvector(m.weights);
  }
  if (!in.descriptions)
    set.notes << QString::fromStdString("the " + method_name(Method::Descriptions) +
                                        " method is skipped: no class has descriptions");
  for (const auto& note : built.notes) set.notes << QString::fromStdString(note);
  if (!set.methods.contains(QStringLiteral("descriptions"))) set.unavailable[QStringLiteral("descriptions")] = missingDescriptionsNote(classes, descriptions);
  return set;
}

}  // namespace

void ModelService::rebuildClassifiers() {
  const int generation = ++generation_;
  emit classifiersUpdating();
  auto state = state_;
  const QStringList classes = classes_;
  const QMap<QString, QStringList> descriptions = descriptions_;
  const QString text_template = template_;
  run(
      [this, state, generation, classes, descriptions, text_template] {
        // A newer request is queued behind this one (or no model is open): nothing to build.
        std::optional<ClassifierSet> set;
        if (generation != generation_.load() || !state->handle) return set;
        set = build_classifiers(*state, *state->handle->clip, classes, descriptions, text_template);
        set->generation = generation;
        return set;
      },
      [this, generation](const std::optional<ClassifierSet>& set) {
        if (generation != generation_.load()) return;  // a newer rebuild follows
        ready_generation_ = generation;
        if (set) emit classifiersReady(*set);
      },
      [this, generation](const QString& message) {
        if (generation == generation_.load()) ready_generation_ = generation;
        emit classifiersFailed(message);
      });
}

void ModelService::loadPrompts(const QString& path) {
  auto state = state_;
  run(
      [state, path] {
        if (!state->handle) throw Error(path.toStdString(), "open a model before loading prompts");
        ClipModel& clip = *state->handle->clip;
        auto loaded = load_prompts(path.toStdString(), clip);
        PromptWords words;
        for (const auto& row : nearest_tokens(clip, loaded.learner->ctx.detach(), 5, TokenRanking::Cosine)) {
          QStringList w;
          QVector<double> cos;
          for (const auto& t : row) {
            w << QString::fromStdString(t.shown());
            cos << t.cosine;
          }
          words.words << w;
          words.cosines << cos;
        }
        state->prompts = loaded.learner;
        state->prompts_template = prompts_template(loaded);
        return std::make_pair(QString::fromStdString(loaded.warning), words);
      },
      [this, path](const std::pair<QString, PromptWords>& loaded) {
        promptsPath_ = path;
        emit promptsLoaded(path, loaded.first, loaded.second);
        rebuildClassifiers();
      },
      [this, path](const QString& message) { emit promptsFailed(path, message); });
}

void ModelService::clearPrompts() {
  auto state = state_;
  run([state] { state->prompts = nullptr; }, [] {}, [](const QString&) {});
  promptsPath_.clear();
  rebuildClassifiers();
}

void ModelService::exportPrompts(const QString& path) {
  const QString source = promptsPath_;
  run(
      [source, path] {
        if (source.isEmpty()) throw Error(path.toStdString(), "no prompts are loaded to export");
        convert_prompts(source.toStdString(), path.toStdString());
      },
      [this, path] { emit promptsExported(path); },
      [this, path](const QString& message) { emit promptsFailed(path, message); });
}

void ModelService::encodeImages(const QStringList& paths) {
  auto state = state_;
  for (const QString& path : paths) {
    run(
        [state, path] {
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
          return embedding;
#else
          throw Error(path.toStdString(), "this build has no image support");
          return QVector<float>{};
#endif
        },
        [this, path](const QVector<float>& embedding) { emit imageEncoded(path, embedding); },
        [this, path](const QString& message) { emit imageFailed(path, message); });
  }
}

}  // namespace protext
