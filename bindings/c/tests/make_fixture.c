/* Makes the files the example program is run against, the way a ministry
 * and a municipality would with the C API: a root keyset (root.pub.json is
 * its public half, as `poura keygen` writes it), a trust bundle listing the
 * municipality's key (trust.bundle), a certificate's QR text (cert.txt) and a
 * forged copy of it (tampered.txt).
 *
 *   make_fixture <output-dir>
 */
#include "support.h"

#include <poura.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const document =
    "{\"type\": \"citizenship\", \"name_bn\": \"মোছাঃ রহিমা খাতুন\", \"name_en\": \"Mst. Rahima Khatun\","
    " \"father_name_bn\": \"মোঃ আব্দুল করিম\", \"father_name_en\": \"Md. Abdul Karim\","
    " \"mother_name_bn\": \"মোছাঃ ফাতেমা বেগম\", \"mother_name_en\": \"Mst. Fatema Begum\","
    " \"nid\": \"1990101234567\", \"date_of_birth\": \"1990-04-14\","
    " \"address_bn\": \"চন্দনবাইশা, ওয়ার্ড নং ৩, সারিয়াকান্দি পৌরসভা, বগুড়া\", \"ward\": 3}";

static void save(const char *directory, const char *name, const void *data, size_t size) {
    char *path = path_join(directory, name);
    CHECK(path != NULL && write_file(path, data, size) == 0);
    free(path);
}

static void save_buffer(const char *directory, const char *name, const poura_buffer *buffer) {
    const uint8_t *data = NULL;
    size_t size = 0;
    CHECK_OK(poura_buffer_data(buffer, &data, &size));
    save(directory, name, data, size);
}

int main(int argc, char **argv) {
    static const char *const types[] = {"citizenship"};
    const int64_t now = (int64_t)time(NULL);
    poura_private_key *root_key = NULL, *issuer_key = NULL, *signing_root = NULL;
    poura_keyset *root = NULL, *issuer = NULL;
    poura_buffer *root_public = NULL, *issuer_public = NULL, *signed_bundle = NULL;
    poura_bundle *bundle = NULL;
    poura_certificate *certificate = NULL;
    const char *qr = NULL, *issuer_json = NULL;
    char *tampered;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <output-dir>\n", argv[0]);
        return 64;
    }
    case_begin("the example's fixture");
    CHECK_OK(poura_private_key_generate(&root_key));
    CHECK_OK(poura_keyset_create(root_key, now, &root));
    CHECK_OK(poura_keyset_to_public_json(root, &root_public));
    save_buffer(argv[1], "root.pub.json", root_public);

    CHECK_OK(poura_private_key_generate(&issuer_key));
    CHECK_OK(poura_keyset_create(issuer_key, now - 60, &issuer));
    CHECK_OK(poura_keyset_to_public_json(issuer, &issuer_public));
    CHECK_OK(poura_bundle_new(1, now, now + 30 * 86400, &bundle));
    CHECK_OK(poura_buffer_string(issuer_public, &issuer_json));
    CHECK_OK(poura_bundle_add_issuers(bundle, issuer_json, "BD-10-06-88", "সারিয়াকান্দি পৌরসভা",
                                      "Sariakandi Pourashava", types, 1));
    CHECK_OK(poura_keyset_primary_key(root, &signing_root));
    CHECK_OK(poura_bundle_sign(bundle, signing_root, &signed_bundle));
    save_buffer(argv[1], "trust.bundle", signed_bundle);

    CHECK_OK(poura_certificate_issue(document, issuer, "BD-10-06-88", NULL, &certificate));
    CHECK_OK(poura_certificate_qr_text(certificate, &qr));
    if (qr != NULL) {
        save(argv[1], "cert.txt", qr, strlen(qr));
        tampered = malloc(strlen(qr) + 1);
        if (tampered != NULL) {
            strcpy(tampered, qr);
            tampered[strlen(tampered) - 3] = tampered[strlen(tampered) - 3] == '0' ? '1' : '0';
            save(argv[1], "tampered.txt", tampered, strlen(tampered));
            free(tampered);
        }
    }
    poura_certificate_free(certificate);
    poura_buffer_free(signed_bundle);
    poura_bundle_free(bundle);
    poura_buffer_free(issuer_public);
    poura_buffer_free(root_public);
    poura_keyset_free(issuer);
    poura_keyset_free(root);
    poura_private_key_free(signing_root);
    poura_private_key_free(issuer_key);
    poura_private_key_free(root_key);
    case_end();
    return suite_finish("c_example_fixture");
}
