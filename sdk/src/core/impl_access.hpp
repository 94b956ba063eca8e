// The library's way in to what a public handle (Trust, ProfileSet) holds. The
// handles name this struct as a friend instead of offering a public impl(), so
// front ends, which never see this header, cannot reach their internals.
#pragma once

#include <poura/export.hpp>

namespace poura::detail {

struct ImplAccess {
    template <typename Handle>
    static const auto& of(const Handle& handle) {
        return *handle.impl_;
    }
    template <typename Handle>
    static auto& of(Handle& handle) {
        return *handle.impl_;
    }
};

}  // namespace poura::detail
