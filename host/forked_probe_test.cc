#include "host/forked_probe.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>

namespace gcfuzz::host {
namespace {

TEST(ForkedProbe, ReturnsTheChildsAnswer) {
  const std::string large(100000, 'x');  // more than a pipe holds
  EXPECT_EQ(AskForkedChild([] { return std::string("refused"); }), "refused");
  EXPECT_EQ(AskForkedChild([&] { return large; }), large);
  EXPECT_EQ(AskForkedChild([] { return std::string(); }), "");
}

TEST(ForkedProbe, LeavesTheAskingProcessAsItWas) {
  int counter = 0;
  EXPECT_EQ(AskForkedChild([&] {
              ++counter;
              std::fputs("noise the caller must not see\n", stderr);
              return std::to_string(counter);
            }),
            "1");
  EXPECT_EQ(counter, 0);
}

TEST(ForkedProbe, AChildThatDiesGivesNoAnswer) {
  EXPECT_EQ(AskForkedChild([]() -> std::string {
              std::raise(SIGKILL);
              return "unreachable";
            }),
            std::nullopt);
}

}  // namespace
}  // namespace gcfuzz::host
