#pragma once
#include <QCoreApplication>
#include <QObject>
#include <QString>
#include <functional>

namespace protext {

// The LLM server's API key, kept in the system keychain (Secret Service, KWallet, the macOS
// Keychain or Windows' Credential Manager, through QtKeychain) and never in a settings
// file, a project or a log: QtKeychain's plain-text fallback stays off. One key per server
// address, so a key saved for one server is never sent to another. Where no keychain
// answers, or it holds no key for the server, $OPENAI_API_KEY is used, as in the CLI.
//
// Every call is asynchronous, as a keychain may ask the user to unlock it; the answer comes
// to `done` on the thread of `context`, and not at all once `context` is gone.
class ApiKeyStore {
  Q_DECLARE_TR_FUNCTIONS(ApiKeyStore)

 public:
  enum class Source { Keychain, Environment, None };
  struct Key {
    QString value;
    Source source = Source::None;
    // Set when the keychain could not be asked (none on this computer, locked, refused);
    // the key may still come from the environment.
    QString keychainError;
  };
  struct Outcome {
    bool ok = false;
    QString error;  // why the keychain refused, when !ok
  };

  // The key for `endpoint`: the keychain's, else the environment's.
  static void read(const QString& endpoint, QObject* context, std::function<void(const Key&)> done);
  static void save(const QString& endpoint, const QString& key, QObject* context,
                   std::function<void(const Outcome&)> done);
  // Removes the keychain's key for `endpoint`; removing one that is not there succeeds.
  static void forget(const QString& endpoint, QObject* context, std::function<void(const Outcome&)> done);

  static QString environmentVariable() { return QStringLiteral("OPENAI_API_KEY"); }
  // The keychain entry's name: the address without surrounding space or trailing '/', so
  // "http://h/v1" and "http://h/v1/" share a key.
  static QString entryName(const QString& endpoint);
  static QString serviceName() { return QStringLiteral("ProText Studio"); }
};

}  // namespace protext
