/* A list of three nodes whose head pointer is dropped: the head is
   definitely lost, and holds the two other nodes, indirectly lost. */
#include <stdlib.h>
#include "leak_common.h"

struct node {
    struct node *next;
    char payload[24];
};

struct node *volatile head;

static void build_list(int n)
{
    for (int i = 0; i < n; i++) {
        struct node *nd = malloc(sizeof *nd);
        nd->next = head;
        head = nd;
    }
}

int main(void)
{
    build_list(3);
    head = NULL;
    clear_stack();
    return 0;
}
