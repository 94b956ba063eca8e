#include "pipeline/messages.hpp"

namespace poura::messages {

Text for_reason(Reason reason) {
    switch (reason) {
        case Reason::ok: return {"Genuine certificate.", "সনদটি বৈধ।"};
        case Reason::bad_prefix:
            return {"This is not a certificate QR code of a known kind.", "এটি কোনো পরিচিত সনদের কিউআর কোড নয়।"};
        case Reason::bad_base45:
            return {"The QR code's text is damaged or incomplete.", "কিউআর কোডের লেখা ক্ষতিগ্রস্ত বা অসম্পূর্ণ।"};
        case Reason::bad_compression:
            return {"The certificate data is damaged.", "সনদের তথ্য ক্ষতিগ্রস্ত।"};
        case Reason::bad_cose:
            return {"The certificate data is not in the signed format.", "সনদের তথ্য স্বাক্ষরিত কাঠামোয় নেই।"};
        case Reason::bad_header:
            return {"The certificate's signature header is invalid.", "সনদের স্বাক্ষর-তথ্য অবৈধ।"};
        case Reason::unknown_key:
            return {"The certificate was signed by an unknown issuer.", "সনদটি অজানা কর্তৃপক্ষের স্বাক্ষরিত।"};
        case Reason::bad_signature:
            return {"The signature does not match: the certificate has been altered or forged.",
                    "স্বাক্ষর মেলেনি: সনদটি পরিবর্তিত বা জাল।"};
        case Reason::not_yet_valid: return {"The certificate is not valid yet.", "সনদটি এখনও কার্যকর হয়নি।"};
        case Reason::expired: return {"The certificate has expired.", "সনদের মেয়াদ শেষ হয়েছে।"};
        case Reason::issuer_not_allowed:
            return {"The issuer is not authorised to issue this type of certificate.",
                    "এই ধরনের সনদ দেওয়ার এখতিয়ার প্রদানকারীর নেই।"};
        case Reason::key_outside_validity:
            return {"The certificate was signed with a key outside its period of validity.",
                    "সনদটি মেয়াদের বাইরে থাকা চাবি দিয়ে স্বাক্ষরিত।"};
        case Reason::key_revoked:
            return {"The issuer's signing key has been withdrawn.", "প্রদানকারীর স্বাক্ষর-চাবি প্রত্যাহার করা হয়েছে।"};
        case Reason::revoked: return {"The certificate has been revoked.", "সনদটি বাতিল করা হয়েছে।"};
        case Reason::bad_document:
            return {"The certificate's contents do not match its type.", "সনদের বিষয়বস্তু এর ধরনের সাথে মেলে না।"};
        case Reason::trust_expired:
            return {"The list of trusted issuers is out of date: update it before checking certificates.",
                    "বিশ্বস্ত প্রদানকারীর তালিকা পুরনো: সনদ যাচাইয়ের আগে তালিকা হালনাগাদ করুন।"};
        case Reason::internal_error:
            return {"The certificate could not be checked because of a fault in the verifier. Try again; "
                    "this says nothing about the certificate.",
                    "যাচাইকারীর ত্রুটির কারণে সনদটি যাচাই করা যায়নি। আবার চেষ্টা করুন; এতে সনদ সম্পর্কে কিছু বোঝায় না।"};
    }
    return {"Unknown result.", "অজানা ফলাফল।"};
}

}  // namespace poura::messages
