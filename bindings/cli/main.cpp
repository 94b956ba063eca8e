// poura: keys, trust bundles, certificates and QR codes from the command line.
#include "cli.hpp"

#include <algorithm>
#include <iostream>
#include <sstream>

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
  help      [COMMAND | --commands]     this text, a command's lines, or every command's name

the office (docs/workflow.md), each on --db FILE as --as LOGIN, with --json:
  db init   --code C --name-bn N --name-en N [--wards 9] [--class B]
            [--require-clearance] [--download-url U] [--sms-gateway F]
  user      add --login L --name N --role R [--ward W] [--nid ID] | list
  apply     --document F --mobile M [--applicant-id ID] [--receipt R]
  applications [--state S] [--overdue]     the acting user's work queue
  applications show ID
  investigate|recommend|return|reject|approve ID [--note T | --reason T]
  resubmit  ID [--document F]
  correct   ID --document F                    a correction of an issued one
  approve-correction ID --keyset K
  withdraw  ID
  issue     ID --keyset K
  revoke    SERIAL --reason T
  print     SERIAL --pdf F
  registry  show SERIAL | export-revocations [--out F]
            verify --trust B --root R [--threads N]   every certificate again
  sms       send [--file F | --gateway F] | list
  audit     verify [--keyset K] | checkpoint --keyset K

the revenue section (docs/cli.md), on --db FILE as --as LOGIN, with --json;
bills, payments and licences need --schedules DIR, receipts and licences
--keyset K; amounts are taka ("1500", "1,500.50"):
  holding   add --number N --ward W --owner-name-bn N [--use U] [--monthly-rent TAKA]
            [--occupancy O] [--land-area D] [--waiver CODE] ... | add --input F.json
  holding   import FILE.csv                    a register: every row or none
  holding   show NUMBER                        with its demands, dues and payments
  holding   assess NUMBER [--value TAKA] [--interim] --effective DATE
  holding   object NUMBER --reason T
  holding   review NUMBER --value TAKA --note T
  holding   mutate NUMBER --owner NAME_BN[:SHARE[:MOBILE[:NID[:NAME_EN]]]] ...
            --effective DATE [--note T]
  water     add --number N --holding H --diameter D --connected-on DATE [--metered]
  water     import FILE.csv
  water     read NUMBER --month 2025-07 --litres N
  water     show NUMBER
  licence   issue --business-name-bn N --business-name-en N --owner-name-bn N
            --owner-name-en N --owner-nid ID --holding H --ward W --address-bn A
            --category C [--mobile M] [--signboard AREA[:lit]] [--years N] [--on DATE]
            | issue --input F.json         the fee due; signed once it is paid
  licence   renew NUMBER [--years N]
  licence   surrender NUMBER --reason T
  licence   show NUMBER [--qr F.png]           the signed licence's QR text
  bill      run --service holding_tax|water|trade_licence --period 2025-26 [--ward N]
  pay       --service S --account A --amount TAKA --paid-on DATE [--method
            cash|bank|bkash|nagad|rocket --reference R] [--instalment 2025-26:1]
            [--receipt F.png]                  the allocation, rebate and receipt
  payments  import FILE.csv --method bkash|nagad|rocket|bank
  ledger    check                              exit status 1 when it does not balance
  report    collection|demand|defaulters [--service S] [--period 2025-26] [--ward N]
            [--format text|json|csv|svg] [--out F]

Private keys are encrypted with $POURA_PASSPHRASE or --passphrase-file F;
--plain stores them unencrypted. A file a command writes anew (--out, --png,
--svg, --pdf, --receipt, --qr, a keyset, a new bundle) is never overwritten
unless --force is given. Exit codes: 0 ok / valid, 1 not valid,
2 usage, 3 bad input, 4 file error, 5 internal error. See docs/cli.md.
)";

// The lines of the usage text that describe a command: each line that names
// it (alone or in an a|b|c group) with the lines indented under it. Empty
// when the text does not name it.
std::string command_help(const std::string& command) {
    std::istringstream usage(kUsage);
    std::string line, out;
    bool in_block = false;
    while (std::getline(usage, line)) {
        const bool command_line = line.size() > 2 && line.compare(0, 2, "  ") == 0 && line[2] != ' ';
        if (command_line) {
            in_block = false;
            std::istringstream tokens(line);
            std::string first;
            tokens >> first;
            std::istringstream names(first);
            for (std::string name; std::getline(names, name, '|');) in_block = in_block || name == command;
        } else if (line.compare(0, 4, "    ") != 0) {
            in_block = false;
        }
        if (in_block) out += line + "\n";
    }
    return out;
}

bool asks_for_help(const std::vector<std::string>& words) {
    return std::any_of(words.begin(), words.end(), [](const std::string& w) { return w == "--help" || w == "-h"; });
}

// The library's version, and the versions of the C API and of the formats
// this build writes and reads, so that a report of a problem names them all.
void print_version() {
    std::string certificate_format = poura::Scheme::bd1().prefix;
    certificate_format.pop_back();  // the ':' ending the prefix
    std::cout << "poura " << poura::version() << "\n"
              << "C API " << POURA_C_API_VERSION << "\n"
              << "certificate format " << certificate_format << ", trust bundle format "
              << poura::trust_bundle_format_version << "\n";
}

int run_version(const std::vector<std::string>& words) {
    if (!words.empty()) poura::cli::fail(poura::cli::exit_usage, "version takes no arguments");
    print_version();
    return poura::cli::exit_ok;
}

struct Command {
    const char* name;
    int (*run)(const std::vector<std::string>&);
};

// The commands of every build; the office's and the revenue section's come from their own tables.
constexpr Command kCommands[] = {
    {"demo", poura::cli::cmd_demo},     {"keygen", poura::cli::cmd_keygen}, {"trust", poura::cli::cmd_trust},
    {"issue", poura::cli::cmd_issue},   {"verify", poura::cli::cmd_verify}, {"qr", poura::cli::cmd_qr},
    {"fee", poura::cli::cmd_fee},       {"version", run_version},
};

// Every command this build runs, one a line: 'poura help --commands', for
// shell completion and for the test that each one answers --help.
std::vector<std::string> command_names() {
    std::vector<std::string> names;
    for (const Command& command : kCommands) names.push_back(command.name);
#ifdef POURA_HAVE_OFFICE
    names.insert(names.end(), poura::cli::office_commands().begin(), poura::cli::office_commands().end());
    names.insert(names.end(), poura::cli::revenue_commands().begin(), poura::cli::revenue_commands().end());
#endif
    return names;
}

bool is_help_word(const std::string& word) { return word == "help" || word == "--help" || word == "-h"; }

}  // namespace

int main(int argc, char** argv) {
    using namespace poura::cli;
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty()) {  // a mistake: the usage goes where errors go
        std::cerr << kUsage;
        return exit_usage;
    }
    if (is_help_word(words[0]) && (words.size() == 1 || (words.size() == 2 && is_help_word(words[1])))) {
        std::cout << kUsage;
        return exit_ok;
    }
    if (words.size() == 2 && words[0] == "help" && words[1] == "--commands") {
        for (const std::string& name : command_names()) std::cout << name << "\n";
        return exit_ok;
    }
    // 'poura help COMMAND' and 'poura COMMAND ... --help': that command's lines.
    const bool help_word = words[0] == "help";
    const std::string command = help_word ? words[1] : words[0];
    const std::vector<std::string> rest(words.begin() + (help_word ? 2 : 1), words.end());
    if (help_word || asks_for_help(rest)) {
        // 'poura fee holding --help' and 'poura help fee holding': that calculator's options.
        if (command == "fee" && !rest.empty()) {
            const std::string help = fee_help(rest[0]);
            if (!help.empty()) {
                std::cout << help;
                return exit_ok;
            }
        }
        const std::string help = command_help(command);
        if (help.empty() || (help_word && !rest.empty())) {
            std::cerr << "poura: error: no help for '" << command << (rest.empty() ? "" : " " + rest[0])
                      << "' (see 'poura help')\n";
            return exit_usage;
        }
        std::cout << "usage:\n" << help << "\nSee docs/cli.md for every option.\n";
        return exit_ok;
    }
    try {
#ifdef POURA_HAVE_OFFICE
        // 'issue ID --db F' issues an approved application; 'issue --document F' signs a document.
        if (command == "issue" && (office_issue(rest))) return cmd_office(command, rest);
        if (command != "issue" && is_office_command(command)) return cmd_office(command, rest);
        if (is_revenue_command(command)) return cmd_revenue(command, rest);
#endif
        if (command == "--version") return run_version(rest);
        for (const Command& known : kCommands)
            if (command == known.name) return known.run(rest);
        fail(exit_usage, "unknown command '" + command + "' (see 'poura help')");
    } catch (const Failure& failure) {
        std::cerr << "poura: error: " << failure.what() << "\n";
        return failure.code;
    } catch (const std::exception& e) {
        std::cerr << "poura: internal error: " << e.what() << "\n";
        return exit_internal;
    }
}
