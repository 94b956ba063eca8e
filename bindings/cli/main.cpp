// poura: keys, trust bundles, certificates and QR codes from the command line.
#include "cli.hpp"

#include <iostream>

namespace {

const char* const kUsage = R"(usage: poura <command> [options]

commands:
  demo      run the whole story in a temporary folder: keys, trust bundle, a
            certificate and its QR, then a genuine, a forged and an expired check
  keygen    --out BASE [--rotate] [--plain]       create or rotate a keyset
  trust     init|add|revoke|status|show ...       build and sign a trust bundle
  issue     --keyset K --issuer CODE --document D [--png F] [--svg F] [--json]
  verify    [TEXT | --image F] --trust B --root R [--now T] [--json]
            [TEXT | --image F] --cert SIGNER.der --scheme hc1
  qr        [TEXT] [--png F] [--svg F] [--ecc L|M|Q|H] [--module N] [--quiet N]
  fee       holding|water|trade|certificate --schedules DIR [--input F] [--json]
            a bill from fee schedules; [--receipt F --payer-bn N --reference R]
            writes a receipt document to sign with 'poura issue'
  version   print the version

the office (docs/workflow.md), each on --db FILE as --as LOGIN, with --json:
  db init   --code C --name-bn N --name-en N [--wards 9] [--class B]
            [--require-clearance] [--download-url U] [--sms-gateway F]
  user      add --login L --name N --role R [--ward W] [--nid ID] | list
  apply     --document F --mobile M [--applicant-id ID] [--receipt R]
  applications [--state S] [--overdue]     the acting user's work queue
  applications show ID
  investigate|recommend|return|reject|approve ID [--note T | --reason T]
  resubmit ID [--document F]     correct ID --document F     withdraw ID
  issue ID --keyset K            approve-correction ID --keyset K
  revoke SERIAL --reason T       print SERIAL --pdf F
  registry  show SERIAL | export-revocations [--out F]
            verify --trust B --root R [--threads N]   every certificate again
  sms       send [--file F | --gateway F] | list
  audit     verify [--keyset K] | checkpoint --keyset K

Private keys are encrypted with $POURA_PASSPHRASE or --passphrase-file F;
--plain stores them unencrypted. Exit codes: 0 ok / valid, 1 not valid,
2 usage, 3 bad input, 4 file error, 5 internal error. See docs/cli.md.
)";

}  // namespace

int main(int argc, char** argv) {
    using namespace poura::cli;
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty() || words[0] == "help" || words[0] == "--help" || words[0] == "-h") {
        std::cout << kUsage;
        return words.empty() ? exit_usage : exit_ok;
    }
    const std::string command = words[0];
    const std::vector<std::string> rest(words.begin() + 1, words.end());
    try {
        if (command == "demo") return cmd_demo(rest);
        if (command == "keygen") return cmd_keygen(rest);
        if (command == "trust") return cmd_trust(rest);
#ifdef POURA_HAVE_OFFICE
        // 'issue ID --db F' issues an approved application; 'issue --document F' signs a document.
        if (command == "issue" && (office_issue(rest))) return cmd_office(command, rest);
        if (command != "issue" && is_office_command(command)) return cmd_office(command, rest);
#endif
        if (command == "issue") return cmd_issue(rest);
        if (command == "verify") return cmd_verify(rest);
        if (command == "qr") return cmd_qr(rest);
        if (command == "fee") return cmd_fee(rest);
        if (command == "version" || command == "--version") {
            std::cout << "poura " << poura::version() << "\n";
            return exit_ok;
        }
        fail(exit_usage, "unknown command '" + command + "' (see 'poura help')");
    } catch (const Failure& failure) {
        std::cerr << "poura: error: " << failure.what() << "\n";
        return failure.code;
    } catch (const std::exception& e) {
        std::cerr << "poura: internal error: " << e.what() << "\n";
        return exit_internal;
    }
}
