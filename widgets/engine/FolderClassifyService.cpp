#include "widgets/engine/FolderClassifyService.h"

#include <QMetaObject>

#include "core/protext/classify_folder.h"
#include "widgets/engine/EngineModel.h"

namespace protext {

FolderClassifyService::FolderClassifyService(QObject* parent) : QObject(parent), worker_("protext-classify") {}

FolderClassifyService::~FolderClassifyService() {
  cancel_ = true;
  worker_.stop();
}

void FolderClassifyService::cancel() { cancel_ = true; }

void FolderClassifyService::start(ModelHandlePtr model, const QString& folder, const ClassifierSet& set,
                                  const QString& outPath, const QString& cacheDir) {
  if (running_.exchange(true)) {
    emit failed(tr("A folder is already being classified."));
    return;
  }
  cancel_ = false;
  worker_.run(
      this,
      [this, model, folder, set, outPath, cacheDir] {
        if (!model) throw Error("classify", "no model is open");
        if (set.classes.isEmpty() || set.methods.isEmpty())
          throw Error("classify", "the class list is empty: add classes before classifying");
        check_predictions_path(outPath.toStdString());  // before hours of encoding, not after
        const ImageFolder images = read_unlabelled_folder(folder.toStdString());
        auto predictions = std::make_shared<FolderPredictions>(classify_folder(
            *model->clip, images, method_set(set), 5,
            [this](int64_t done, int64_t total) {
              QMetaObject::invokeMethod(this, [this, done, total] { emit progress(done, total); });
            },
            cancel_, cacheDir.toStdString()));
        if (!predictions->cancelled) write_folder_predictions(*predictions, outPath.toStdString());
        return std::shared_ptr<const FolderPredictions>(std::move(predictions));
      },
      [this, outPath](const std::shared_ptr<const FolderPredictions>& predictions) {
        running_ = false;
        if (predictions->cancelled) {
          emit cancelled();
          return;
        }
        QStringList skipped;
        for (const auto& s : predictions->skipped) skipped << QString::fromStdString(s.path + ": " + s.error);
        emit finished(static_cast<int>(predictions->paths.size()), skipped, outPath);
      },
      [this](const QString& message) {
        running_ = false;
        emit failed(message);
      });
}

}  // namespace protext
