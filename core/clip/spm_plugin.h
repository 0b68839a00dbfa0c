#pragma once
// The C interface of protext_spm, the plug-in that wraps sentencepiece.
//
// Why a plug-in: Debian's libsentencepiece carries its own copy of protobuf-lite and
// exports those symbols; LibTorch loads the system libprotobuf. Linked into one process,
// the two interpose each other and the program crashes before main(). Loaded with
// dlopen(RTLD_LOCAL | RTLD_DEEPBIND), sentencepiece binds to its own copy and the rest
// of the process never sees it.
#include <stddef.h>

extern "C" {

struct protext_spm;

// Each call that can fail writes a message into error[error_size] and returns null/-1.
protext_spm* protext_spm_load(const char* model_path, char* error, size_t error_size);
void protext_spm_free(protext_spm* model);
int protext_spm_bos(const protext_spm* model);
int protext_spm_eos(const protext_spm* model);
int protext_spm_size(const protext_spm* model);
// *ids is malloc'ed; release it with protext_spm_release.
int protext_spm_encode(const protext_spm* model, const char* text, size_t length, int** ids, size_t* count,
                       char* error, size_t error_size);
void protext_spm_release(int* ids);
// Writes the piece of `id` (NUL-terminated, cut to capacity) and returns its full length.
int protext_spm_piece(const protext_spm* model, int id, char* out, size_t capacity);
int protext_spm_train(const char* const* sentences, size_t count, const char* model_prefix, int vocab_size,
                      char* error, size_t error_size);

typedef protext_spm* (*protext_spm_load_fn)(const char*, char*, size_t);
typedef void (*protext_spm_free_fn)(protext_spm*);
typedef int (*protext_spm_id_fn)(const protext_spm*);
typedef int (*protext_spm_encode_fn)(const protext_spm*, const char*, size_t, int**, size_t*, char*, size_t);
typedef void (*protext_spm_release_fn)(int*);
typedef int (*protext_spm_piece_fn)(const protext_spm*, int, char*, size_t);
typedef int (*protext_spm_train_fn)(const char* const*, size_t, const char*, int, char*, size_t);
}
