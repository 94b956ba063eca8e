// Creating and migrating the office database's schema.
#pragma once

#include <poura/result.hpp>

#include <sqlite3.h>

namespace poura::store {

// Brings the file to schema_version(); refuses a newer one.
Status migrate(sqlite3* db);

}  // namespace poura::store
