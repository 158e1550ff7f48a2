/* One block of each kind, from its own line: definitely lost (16 bytes,
   and a list head of 32 holding two indirectly lost nodes), possibly
   lost (64 bytes, through a pointer 10 bytes in) and still reachable (100
   bytes, from a global). */
#include <stdlib.h>
#include "leak_common.h"

struct node {
    struct node *next;
    char payload[24];
};

void *volatile reachable;
char *volatile inside;
struct node *volatile head;
void *volatile lost;

int main(void)
{
    lost = malloc(16);
    lost = NULL;
    for (int i = 0; i < 3; i++) {
        struct node *nd = malloc(sizeof *nd);
        nd->next = head;
        head = nd;
    }
    head = NULL;
    inside = (char *)malloc(64) + 10;
    reachable = malloc(100);
    clear_stack();
    return 0;
}
