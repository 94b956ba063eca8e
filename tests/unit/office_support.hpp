// What the office's test programs share: the sample municipality and adding
// a user who must be added.
#pragma once

#include <poura/office.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace poura::test {

// Kaliganj, whose fee schedules are among the samples (examples/schedules/).
inline Municipality kaliganj() {
    Municipality m;
    m.code = "kaliganj";
    m.name_bn = "কালীগঞ্জ পৌরসভা";
    m.name_en = "Kaliganj Pourashava";
    m.body_class = "B";
    m.wards = 9;
    return m;
}

// A user named "<login> name"; the test stops when the office refuses it.
inline User add_user(Office& office, const std::string& login, Role role, int ward = 0, const std::string& nid = "",
                     bool authorised = false) {
    User u;
    u.login = login;
    u.name = login + " name";
    u.role = role;
    u.ward = ward;
    u.nid = nid;
    u.authorised = authorised;
    auto added = office.add_user(u);
    REQUIRE(added);
    return *added;
}

}  // namespace poura::test
