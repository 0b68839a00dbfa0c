#include "widgets/common/ApiKeyStore.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

namespace protext {

namespace {

// Runs `job` and hands it to `finish` on `context`'s thread; the job deletes itself.
void run(QKeychain::Job* job, QObject* context, std::function<void(QKeychain::Job*)> finish) {
  job->setAutoDelete(true);
  job->setInsecureFallback(false);  // a key never lands in a plain-text file
  QPointer<QObject> guard(context);
  QObject::connect(job, &QKeychain::Job::finished, context, [guard, finish](QKeychain::Job* finished) {
    if (guard) finish(finished);
  });
  job->start();
}

QString keychainError(const QKeychain::Job* job) {
  return job->errorString().isEmpty() ? ApiKeyStore::tr("the system keychain did not answer") : job->errorString();
}

}  // namespace

QString ApiKeyStore::entryName(const QString& endpoint) {
  QString name = endpoint.trimmed();
  while (name.endsWith(QLatin1Char('/'))) name.chop(1);
  return name;
}

void ApiKeyStore::read(const QString& endpoint, QObject* context, std::function<void(const Key&)> done) {
  auto* job = new QKeychain::ReadPasswordJob(serviceName());
  job->setKey(entryName(endpoint));
  run(job, context, [done](QKeychain::Job* finished) {
    Key key;
    if (finished->error() == QKeychain::NoError) {
      key.value = static_cast<QKeychain::ReadPasswordJob*>(finished)->textData();
      if (!key.value.isEmpty()) key.source = Source::Keychain;
    } else if (finished->error() != QKeychain::EntryNotFound) {
      key.keychainError = keychainError(finished);
    }
    if (key.source == Source::None) {
      key.value = qEnvironmentVariable(environmentVariable().toLatin1().constData());
      if (!key.value.isEmpty()) key.source = Source::Environment;
    }
    done(key);
  });
}

void ApiKeyStore::save(const QString& endpoint, const QString& key, QObject* context,
                       std::function<void(const Outcome&)> done) {
  auto* job = new QKeychain::WritePasswordJob(serviceName());
  job->setKey(entryName(endpoint));
  job->setTextData(key);
  run(job, context, [done](QKeychain::Job* finished) {
    Outcome outcome;
    outcome.ok = finished->error() == QKeychain::NoError;
    if (!outcome.ok) outcome.error = keychainError(finished);
    done(outcome);
  });
}

void ApiKeyStore::forget(const QString& endpoint, QObject* context, std::function<void(const Outcome&)> done) {
  auto* job = new QKeychain::DeletePasswordJob(serviceName());
  job->setKey(entryName(endpoint));
  run(job, context, [done](QKeychain::Job* finished) {
    Outcome outcome;
    outcome.ok = finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound;
    if (!outcome.ok) outcome.error = keychainError(finished);
    done(outcome);
  });
}

}  // namespace protext
